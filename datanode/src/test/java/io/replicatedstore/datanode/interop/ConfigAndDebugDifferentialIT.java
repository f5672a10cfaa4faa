package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.RedisAndDataNode;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis 7.0 directives the node keeps, and the DEBUG subcommands Redis's test suite uses,
 * answer as Debian's redis-server 7.0.15 does: same defaults, same acceptance, bounds and error
 * texts for a set of candidate values, same DEBUG DIGEST / DIGEST-VALUE for the same data.
 */
class ConfigAndDebugDifferentialIT {

    /** The directives added for Redis's suite, with their aliases. */
    private static final List<String> ADDED = List.of(
            "list-compress-depth", "stream-node-max-bytes", "stream-node-max-entries", "hll-sparse-max-bytes",
            "active-defrag-ignore-bytes", "active-defrag-threshold-lower", "active-defrag-threshold-upper",
            "active-defrag-cycle-min", "active-defrag-cycle-max", "active-defrag-max-scan-fields",
            "jemalloc-bg-thread", "activerehashing", "active-expire-effort", "dynamic-hz",
            "lazyfree-lazy-expire", "lazyfree-lazy-server-del", "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush",
            "aof-use-rdb-preamble", "aof-rewrite-incremental-fsync", "aof-timestamp-enabled", "aof-disable-auto-gc",
            "no-appendfsync-on-rewrite", "rdb-save-incremental-fsync", "rdb-del-sync-files",
            "stop-writes-on-bgsave-error", "replica-ignore-disk-write-errors", "sanitize-dump-payload",
            "propagation-error-behavior", "busy-reply-threshold", "lua-time-limit", "latency-monitor-threshold",
            "latency-tracking", "latency-tracking-info-percentiles", "notify-keyspace-events",
            "tracking-table-max-keys", "acl-pubsub-default", "acllog-max-len", "aclfile", "oom-score-adj",
            "oom-score-adj-values", "shutdown-on-sigint", "shutdown-on-sigterm", "shutdown-timeout",
            "bind-source-addr", "ignore-warnings", "crash-log-enabled", "crash-memcheck-enabled",
            "always-show-logo", "set-proc-title", "disable-thp", "supervised", "syslog-enabled", "syslog-ident",
            "syslog-facility", "io-threads-do-reads", "rdb-key-save-delay", "key-load-delay", "slave-lazy-flush",
            "hash-max-ziplist-entries", "zset-max-ziplist-value", "slaveof");

    /** Values tried on every directive: valid for some, out of range or malformed for others. */
    private static final List<String> CANDIDATES = List.of("yes", "no", "0", "1", "7", "100", "1001", "-1",
            "2147483648", "1kb", "abc", "", "KEA", "Kx$", "gE", "AKEmn", "A", "q", "clients", "panic",
            "allchannels", "50 99.9", "0 100 101", "-2000 0 2000", "nosave now", "save nosave", "default", "relative");

    @RegisterExtension
    static final RedisAndDataNode servers = new RedisAndDataNode("--enable-debug-command", "yes");

    @Test
    void addedDirectivesHaveRedisDefaults() {
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (String name : ADDED) {
                assertThat(mine.call("CONFIG", "GET", name)).as(name).isEqualTo(theirs.call("CONFIG", "GET", name));
            }
        }
    }

    @Test
    void addedDirectivesAcceptAndRefuseValuesAsRedisDoes() {
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (String name : ADDED) {
                if (name.equals("slaveof")) {
                    continue; // REPLICAOF's alias: tried by the replication tests
                }
                Object original = theirs.call("CONFIG", "GET", name);
                for (String value : CANDIDATES) {
                    Object expected = theirs.call("CONFIG", "SET", name, value);
                    Object actual = mine.call("CONFIG", "SET", name, value);
                    assertThat(actual).as("CONFIG SET %s '%s'", name, value).isEqualTo(expected);
                    assertThat(mine.call("CONFIG", "GET", name)).as("CONFIG GET %s after '%s'", name, value)
                            .isEqualTo(theirs.call("CONFIG", "GET", name));
                }
                if (original instanceof List<?> pair && pair.size() == 2) {
                    theirs.call("CONFIG", "SET", name, pair.get(1));
                    mine.call("CONFIG", "SET", name, pair.get(1));
                }
            }
        }
    }

    @Test
    void configGetWithPatternsListsNamesAndAliasesButNotHiddenOnes() {
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (String pattern : List.of("*of", "*ziplist*", "lua*", "*delay*")) {
                assertThat(asMap(mine.call("CONFIG", "GET", pattern))).as(pattern)
                        .isEqualTo(asMap(theirs.call("CONFIG", "GET", pattern)));
            }
        }
    }

    @Test
    void debugDigestIsRedisDigestForAGeneratedDataset() {
        Random random = new Random(16);
        List<Object[]> commands = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String key = "k" + i;
            switch (i % 6) {
                case 0 -> commands.add(new Object[] {"SET", key, random.nextBoolean() ? "v" + random.nextInt(1000) : Integer.toString(random.nextInt())});
                case 1 -> commands.add(new Object[] {"RPUSH", key, "a", Integer.toString(i), "b" + random.nextInt(9), "a"});
                case 2 -> commands.add(new Object[] {"SADD", key, "1", "x", Integer.toString(random.nextInt(100000)), "y" + i});
                case 3 -> commands.add(new Object[] {"ZADD", key, "1.5", "a", Double.toString(random.nextGaussian() * 1e10), "b",
                        "-inf", "c", Integer.toString(random.nextInt(50)), "12"});
                case 4 -> commands.add(new Object[] {"HSET", key, "f", "v", "n", Integer.toString(random.nextInt()), "e", ""});
                default -> commands.add(new Object[] {"SET", key, "ttl", "EX", "1000"});
            }
        }
        // Bigger than the listpack thresholds, so Redis uses its other encodings too.
        for (int i = 0; i < 700; i++) {
            commands.add(new Object[] {"HSET", "bighash", "field" + i, "value" + i});
            commands.add(new Object[] {"ZADD", "bigzset", Integer.toString(i % 37), "member" + i});
            commands.add(new Object[] {"SADD", "bigset", "m" + i});
            commands.add(new Object[] {"SADD", "intset", Integer.toString(i * 3)});
        }
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (RespClient client : List.of(theirs, mine)) {
                client.call("FLUSHALL");
                assertThat(client.call("DEBUG", "DIGEST")).isEqualTo("0".repeat(40));
                for (Object[] command : commands) {
                    client.call(command);
                }
                client.call("SELECT", "5");
                client.call("SET", "other", "db");
                client.call("SELECT", "0");
            }
            Object expected = theirs.call("DEBUG", "DIGEST");
            assertThat(expected).isNotEqualTo("0".repeat(40));
            assertThat(mine.call("DEBUG", "DIGEST")).isEqualTo(expected);
            List<Object> keys = new ArrayList<>(List.of("DEBUG", "DIGEST-VALUE", "missing", "bighash", "bigzset", "bigset", "intset"));
            for (int i = 0; i < 12; i++) {
                keys.add("k" + i);
            }
            assertThat(mine.call(keys.toArray())).isEqualTo(theirs.call(keys.toArray()));
        }
    }

    @Test
    void debugSubcommandsTheSuiteUsesAnswerAsRedis() {
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (Object[] command : List.<Object[]>of(
                    new Object[] {"DEBUG", "SET-ACTIVE-EXPIRE", "0"},
                    new Object[] {"DEBUG", "SET-ACTIVE-EXPIRE", "1"},
                    new Object[] {"DEBUG", "QUICKLIST-PACKED-THRESHOLD", "1b"},
                    new Object[] {"DEBUG", "QUICKLIST-PACKED-THRESHOLD", "0"},
                    new Object[] {"DEBUG", "QUICKLIST-PACKED-THRESHOLD", "5gb"},
                    new Object[] {"DEBUG", "QUICKLIST-PACKED-THRESHOLD", "x"},
                    new Object[] {"DEBUG", "REPLYBUFFER", "PEAK-RESET-TIME", "never"},
                    new Object[] {"DEBUG", "REPLYBUFFER", "PEAK-RESET-TIME", "reset"},
                    new Object[] {"DEBUG", "REPLYBUFFER", "RESIZING", "1"},
                    new Object[] {"DEBUG", "CHANGE-REPL-ID"},
                    new Object[] {"DEBUG", "OBJECT", "nokey"})) {
                assertThat(mine.call(command)).as(String.join(" ", toStrings(command))).isEqualTo(theirs.call(command));
            }
            for (RespClient client : List.of(theirs, mine)) {
                client.call("SET", "foo", "20000");
                client.call("INCR", "foo");
            }
            String before = mine.call("DEBUG", "OBJECT", "foo").toString();
            mine.call("INCR", "foo");
            String after = mine.call("DEBUG", "OBJECT", "foo").toString();
            assertThat(before).startsWith("Value at:").contains(" refcount:1 encoding:int serializedlength:")
                    .contains(" lru_seconds_idle:");
            assertThat(after.split(" ")[1]).isEqualTo(before.split(" ")[1]);
            String redisLine = theirs.call("DEBUG", "OBJECT", "foo").toString();
            assertThat(field(after, "serializedlength")).isEqualTo(field(redisLine, "serializedlength"));
        }
    }

    private static String field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + ":")) {
                return part;
            }
        }
        return null;
    }

    private static List<String> toStrings(Object[] command) {
        List<String> out = new ArrayList<>();
        for (Object o : command) {
            out.add(o.toString());
        }
        return out;
    }

    private static java.util.Map<Object, Object> asMap(Object reply) {
        java.util.Map<Object, Object> map = new java.util.TreeMap<>();
        List<?> list = (List<?>) reply;
        for (int i = 0; i + 1 < list.size(); i += 2) {
            map.put(list.get(i).toString(), list.get(i + 1));
        }
        return map;
    }
}
