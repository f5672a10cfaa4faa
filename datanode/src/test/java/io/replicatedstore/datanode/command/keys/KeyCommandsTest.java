package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KeyCommandsTest {

    private static final RespClient.Error SYNTAX = new RespClient.Error("ERR syntax error");
    private static final RespClient.Error NOT_INTEGER = new RespClient.Error("ERR value is not an integer or out of range");
    private static final RespClient.Error OUT_OF_RANGE = new RespClient.Error("ERR DB index is out of range");
    private static final RespClient.Error SAME_OBJECT = new RespClient.Error("ERR source and destination objects are the same");

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start().flushedBeforeEach();

    @Test
    void delUnlinkExistsAndTouchCountKeys() {
        try (RespClient c = node.client()) {
            c.call("MSET", "a", "1", "b", "2", "c", "3");
            assertThat(c.call("EXISTS", "a", "a", "b", "nokey")).isEqualTo(3L);
            assertThat(c.call("TOUCH", "a", "a", "nokey")).isEqualTo(2L);
            assertThat(c.call("DEL", "a", "a", "nokey")).isEqualTo(1L);
            assertThat(c.call("UNLINK", "b", "c")).isEqualTo(2L);
            assertThat(c.call("DBSIZE")).isEqualTo(0L);
            assertThat(c.call("DEL")).isEqualTo(new RespClient.Error("ERR wrong number of arguments for 'del' command"));
        }
    }

    @Test
    void typeNamesEveryKindOfValue() {
        try (RespClient c = node.client()) {
            c.call("SET", "s", "v");
            c.call("RPUSH", "l", "a");
            c.call("SADD", "st", "a");
            c.call("ZADD", "z", "1", "a");
            c.call("HSET", "h", "f", "v");
            assertThat(List.of(c.call("TYPE", "s"), c.call("TYPE", "l"), c.call("TYPE", "st"), c.call("TYPE", "z"),
                    c.call("TYPE", "h"), c.call("TYPE", "nokey")))
                    .containsExactly("string", "list", "set", "zset", "hash", "none");
        }
    }

    @Test
    void expireFamilySetsAndReportsTimesToLive() {
        try (RespClient c = node.client()) {
            c.call("SET", "k", "v");
            assertThat(c.call("TTL", "k")).isEqualTo(-1L);
            assertThat(c.call("PTTL", "nokey")).isEqualTo(-2L);
            assertThat(c.call("EXPIRETIME", "k")).isEqualTo(-1L);
            assertThat(c.call("EXPIRE", "k", "100")).isEqualTo(1L);
            assertThat(c.call("TTL", "k")).isEqualTo(100L);
            assertThat((Long) c.call("PTTL", "k")).isBetween(90_000L, 100_000L);
            assertThat(c.call("PEXPIRE", "k", "200000")).isEqualTo(1L);
            assertThat(c.call("TTL", "k")).isEqualTo(200L);
            assertThat(c.call("EXPIREAT", "k", "4102444800")).isEqualTo(1L);
            assertThat(c.call("EXPIRETIME", "k")).isEqualTo(4102444800L);
            assertThat(c.call("PEXPIREAT", "k", "4102444800499")).isEqualTo(1L);
            assertThat(c.call("PEXPIRETIME", "k")).isEqualTo(4102444800499L);
            assertThat(c.call("EXPIRETIME", "k")).isEqualTo(4102444800L);
            assertThat(c.call("EXPIRE", "nokey", "100")).isEqualTo(0L);
            assertThat(c.call("PERSIST", "k")).isEqualTo(1L);
            assertThat(c.call("PERSIST", "k")).isEqualTo(0L);
            assertThat(c.call("TTL", "k")).isEqualTo(-1L);
        }
    }

    @Test
    void expireOptionsNxXxGtLt() {
        try (RespClient c = node.client()) {
            c.call("SET", "k", "v");
            assertThat(c.call("EXPIRE", "k", "100", "XX")).isEqualTo(0L);
            assertThat(c.call("EXPIRE", "k", "100", "GT")).isEqualTo(0L);
            assertThat(c.call("EXPIRE", "k", "100", "LT")).isEqualTo(1L);
            assertThat(c.call("EXPIRE", "k", "200", "NX")).isEqualTo(0L);
            assertThat(c.call("EXPIRE", "k", "50", "GT")).isEqualTo(0L);
            assertThat(c.call("EXPIRE", "k", "300", "gt")).isEqualTo(1L);
            assertThat(c.call("EXPIRE", "k", "400", "LT")).isEqualTo(0L);
            assertThat(c.call("EXPIRE", "k", "150", "XX", "LT")).isEqualTo(1L);
            assertThat(c.call("TTL", "k")).isEqualTo(150L);
            c.call("PERSIST", "k");
            assertThat(c.call("EXPIRE", "k", "100", "NX")).isEqualTo(1L);

            assertThat(c.call("EXPIRE", "k", "100", "NX", "XX"))
                    .isEqualTo(new RespClient.Error("ERR NX and XX, GT or LT options at the same time are not compatible"));
            assertThat(c.call("EXPIRE", "k", "100", "NX", "GT"))
                    .isEqualTo(new RespClient.Error("ERR NX and XX, GT or LT options at the same time are not compatible"));
            assertThat(c.call("EXPIRE", "k", "100", "GT", "LT"))
                    .isEqualTo(new RespClient.Error("ERR GT and LT options at the same time are not compatible"));
            assertThat(c.call("EXPIRE", "k", "100", "FOO")).isEqualTo(new RespClient.Error("ERR Unsupported option FOO"));
            assertThat(c.call("EXPIRE", "k", "abc")).isEqualTo(NOT_INTEGER);
            assertThat(c.call("EXPIRE", "k", "9223372036854775807"))
                    .isEqualTo(new RespClient.Error("ERR invalid expire time in 'expire' command"));
            assertThat(c.call("PEXPIRE", "k", "9223372036854775807"))
                    .isEqualTo(new RespClient.Error("ERR invalid expire time in 'pexpire' command"));
            assertThat(c.call("EXPIREAT", "k", "9223372036854775807"))
                    .isEqualTo(new RespClient.Error("ERR invalid expire time in 'expireat' command"));
        }
    }

    @Test
    void anExpireTimeInThePastDeletesTheKey() {
        try (RespClient c = node.client()) {
            c.call("MSET", "a", "1", "b", "2", "c", "3", "d", "4");
            assertThat(c.call("EXPIRE", "a", "0")).isEqualTo(1L);
            assertThat(c.call("PEXPIRE", "b", "-1")).isEqualTo(1L);
            assertThat(c.call("EXPIREAT", "c", "1")).isEqualTo(1L);
            assertThat(c.call("PEXPIREAT", "d", "0")).isEqualTo(1L);
            assertThat(c.call("DBSIZE")).isEqualTo(0L);
        }
    }

    @Test
    void renameKeepsTheTimeToLiveAndRenamenxRefusesToOverwrite() {
        try (RespClient c = node.client()) {
            c.call("SET", "a", "1", "EX", "100");
            assertThat(c.call("RENAME", "a", "b")).isEqualTo("OK");
            assertThat(c.call("EXISTS", "a")).isEqualTo(0L);
            assertThat(c.call("GET", "b")).isEqualTo("1");
            assertThat(c.call("TTL", "b")).isEqualTo(100L);
            assertThat(c.call("RENAME", "nokey", "x")).isEqualTo(new RespClient.Error("ERR no such key"));
            assertThat(c.call("RENAMENX", "nokey", "x")).isEqualTo(new RespClient.Error("ERR no such key"));
            assertThat(c.call("RENAME", "b", "b")).isEqualTo("OK");
            assertThat(c.call("RENAMENX", "b", "b")).isEqualTo(0L);
            c.call("SET", "c", "3");
            assertThat(c.call("RENAMENX", "b", "c")).isEqualTo(0L);
            assertThat(c.call("RENAME", "c", "b")).isEqualTo("OK");
            assertThat(c.call("GET", "b")).isEqualTo("3");
            assertThat(c.call("TTL", "b")).isEqualTo(-1L);
            assertThat(c.call("RENAMENX", "b", "d")).isEqualTo(1L);
            assertThat(c.call("KEYS", "*")).isEqualTo(List.of("d"));
        }
    }

    @Test
    void keysMatchesGlobPatterns() {
        try (RespClient c = node.client()) {
            c.call("MSET", "one", "1", "two", "2", "three", "3", "a*b", "4");
            assertThat(set(c.call("KEYS", "*"))).containsExactlyInAnyOrder("one", "two", "three", "a*b");
            assertThat(set(c.call("KEYS", "t*"))).containsExactlyInAnyOrder("two", "three");
            assertThat(set(c.call("KEYS", "?n?"))).containsExactlyInAnyOrder("one");
            assertThat(set(c.call("KEYS", "t[wx]*"))).containsExactlyInAnyOrder("two");
            assertThat(set(c.call("KEYS", "a\\*b"))).containsExactlyInAnyOrder("a*b");
            assertThat(set(c.call("KEYS", "nothing*"))).isEmpty();
        }
    }

    @Test
    void scanVisitsEveryKeyWithMatchCountAndType() {
        try (RespClient c = node.client()) {
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < 500; i++) {
                c.call("SET", "key:" + i, "v");
                expected.add("key:" + i);
            }
            c.call("RPUSH", "list:1", "a");
            Set<String> seen = new HashSet<>();
            String cursor = "0";
            int calls = 0;
            do {
                List<?> reply = (List<?>) c.call("SCAN", cursor, "COUNT", "7", "MATCH", "key:*", "TYPE", "string");
                cursor = (String) reply.get(0);
                for (Object key : (List<?>) reply.get(1)) {
                    seen.add((String) key);
                }
                calls++;
            } while (!cursor.equals("0"));
            assertThat(seen).isEqualTo(expected);
            assertThat(calls).isGreaterThan(10);

            List<?> lists = (List<?>) c.call("SCAN", "0", "COUNT", "10000", "TYPE", "LIST");
            assertThat(lists).isEqualTo(List.of("0", List.of("list:1")));
            assertThat(c.call("SCAN", "abc")).isEqualTo(new RespClient.Error("ERR invalid cursor"));
            assertThat(c.call("SCAN", "18446744073709551616")).isEqualTo(new RespClient.Error("ERR invalid cursor"));
            assertThat(((List<?>) c.call("SCAN", "18446744073709551615")).size()).isEqualTo(2);
            assertThat(c.call("SCAN", "0", "COUNT", "0")).isEqualTo(SYNTAX);
            assertThat(c.call("SCAN", "0", "COUNT", "x")).isEqualTo(NOT_INTEGER);
            assertThat(c.call("SCAN", "0", "MATCH")).isEqualTo(SYNTAX);
            assertThat(c.call("SCAN", "0", "FOO", "bar")).isEqualTo(SYNTAX);
        }
    }

    @Test
    void randomkeyAndDbsize() {
        try (RespClient c = node.client()) {
            assertThat(c.call("RANDOMKEY")).isNull();
            assertThat(c.call("DBSIZE")).isEqualTo(0L);
            c.call("MSET", "a", "1", "b", "2");
            assertThat(c.call("RANDOMKEY")).isIn("a", "b");
            assertThat(c.call("DBSIZE")).isEqualTo(2L);
        }
    }

    @Test
    void flushdbEmptiesOnlyTheSelectedDatabaseAndFlushallEverything() {
        try (RespClient c = node.client()) {
            c.call("SET", "x", "0");
            c.call("SELECT", "1");
            c.call("SET", "x", "1");
            assertThat(c.call("FLUSHDB", "ASYNC")).isEqualTo("OK");
            assertThat(c.call("DBSIZE")).isEqualTo(0L);
            c.call("SELECT", "0");
            assertThat(c.call("GET", "x")).isEqualTo("0");
            c.call("SELECT", "2");
            c.call("SET", "y", "2");
            assertThat(c.call("FLUSHALL", "SYNC")).isEqualTo("OK");
            assertThat(c.call("DBSIZE")).isEqualTo(0L);
            c.call("SELECT", "0");
            assertThat(c.call("DBSIZE")).isEqualTo(0L);
            assertThat(c.call("FLUSHDB", "FOO")).isEqualTo(SYNTAX);
            assertThat(c.call("FLUSHALL", "ASYNC", "SYNC")).isEqualTo(SYNTAX);
        }
    }

    @Test
    void flushOnlyFailsTransactionsWatchingKeysThatExisted() {
        try (RespClient c = node.client()) {
            c.call("SET", "w", "1");
            c.call("WATCH", "w");
            c.call("FLUSHALL");
            c.call("MULTI");
            c.call("PING");
            assertThat(c.call("EXEC")).isNull();

            c.call("WATCH", "w");
            c.call("FLUSHDB");
            c.call("MULTI");
            c.call("PING");
            assertThat(c.call("EXEC")).isEqualTo(List.of("PONG"));
        }
    }

    @Test
    void flushCountsAsAChange() {
        try (RespClient c = node.client()) {
            long before = changesSinceSave(c);
            c.call("FLUSHALL");
            assertThat(changesSinceSave(c)).isGreaterThan(before);
        }
    }

    private static long changesSinceSave(RespClient c) {
        String info = c.call("INFO", "persistence").toString();
        for (String line : info.split("\r\n")) {
            if (line.startsWith("rdb_changes_since_last_save:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new AssertionError("no rdb_changes_since_last_save in " + info);
    }

    @Test
    void swapdbExchangesContentsAndValidatesIndexes() {
        try (RespClient c = node.client()) {
            c.call("SET", "a", "zero");
            c.call("SELECT", "1");
            c.call("SET", "a", "one");
            c.call("SET", "b", "one", "EX", "100");
            assertThat(c.call("SWAPDB", "0", "1")).isEqualTo("OK");
            assertThat(c.call("GET", "a")).isEqualTo("zero");
            assertThat(c.call("EXISTS", "b")).isEqualTo(0L);
            c.call("SELECT", "0");
            assertThat(c.call("GET", "a")).isEqualTo("one");
            assertThat(c.call("TTL", "b")).isEqualTo(100L);
            assertThat(c.call("SWAPDB", "0", "0")).isEqualTo("OK");
            assertThat(c.call("SWAPDB", "0", "16")).isEqualTo(OUT_OF_RANGE);
            assertThat(c.call("SWAPDB", "x", "0")).isEqualTo(new RespClient.Error("ERR invalid first DB index"));
            assertThat(c.call("SWAPDB", "0", "x")).isEqualTo(new RespClient.Error("ERR invalid second DB index"));
        }
    }

    @Test
    void swapdbServesClientsBlockedOnKeysThatNowHaveData() {
        try (RespClient blocked = node.client(); RespClient c = node.client()) {
            c.call("SELECT", "1");
            c.call("RPUSH", "queue", "item");
            blocked.send("BLPOP", "queue", "5");
            awaitBlocked(c);
            assertThat(c.call("SWAPDB", "0", "1")).isEqualTo("OK");
            assertThat(blocked.read()).isEqualTo(List.of("queue", "item"));
        }
    }

    private static void awaitBlocked(RespClient c) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> c.call("INFO", "clients").toString().contains("blocked_clients:1"));
    }

    @Test
    void moveTransfersAKeyWithItsTimeToLive() {
        try (RespClient c = node.client()) {
            c.call("SET", "m", "v", "EX", "100");
            assertThat(c.call("MOVE", "m", "1")).isEqualTo(1L);
            assertThat(c.call("EXISTS", "m")).isEqualTo(0L);
            assertThat(c.call("MOVE", "m", "1")).isEqualTo(0L);
            c.call("SET", "m", "here");
            assertThat(c.call("MOVE", "m", "1")).isEqualTo(0L);
            assertThat(c.call("MOVE", "m", "0")).isEqualTo(SAME_OBJECT);
            assertThat(c.call("MOVE", "m", "16")).isEqualTo(OUT_OF_RANGE);
            assertThat(c.call("MOVE", "m", "x")).isEqualTo(NOT_INTEGER);
            c.call("SELECT", "1");
            assertThat(c.call("GET", "m")).isEqualTo("v");
            assertThat(c.call("TTL", "m")).isEqualTo(100L);
        }
    }

    @Test
    void copyMakesIndependentDeepCopies() {
        try (RespClient c = node.client()) {
            c.call("RPUSH", "l", "a", "b");
            c.call("HSET", "h", "f", "v");
            c.call("SADD", "s", "1", "2");
            c.call("ZADD", "z", "1", "a");
            c.call("SET", "str", "v", "EX", "100");
            for (String key : List.of("l", "h", "s", "z", "str")) {
                assertThat(c.call("COPY", key, key + "2")).as(key).isEqualTo(1L);
            }
            c.call("RPUSH", "l2", "c");
            c.call("HSET", "h2", "g", "w");
            c.call("SADD", "s2", "x");
            c.call("ZADD", "z2", "2", "b");
            assertThat(c.call("LRANGE", "l", "0", "-1")).isEqualTo(List.of("a", "b"));
            assertThat(c.call("LRANGE", "l2", "0", "-1")).isEqualTo(List.of("a", "b", "c"));
            assertThat(c.call("HLEN", "h")).isEqualTo(1L);
            assertThat(c.call("HLEN", "h2")).isEqualTo(2L);
            assertThat(c.call("SCARD", "s")).isEqualTo(2L);
            assertThat(c.call("OBJECT", "ENCODING", "s")).isEqualTo("intset");
            assertThat(c.call("OBJECT", "ENCODING", "s2")).isEqualTo("hashtable");
            assertThat(c.call("ZCARD", "z")).isEqualTo(1L);
            assertThat(c.call("ZCARD", "z2")).isEqualTo(2L);
            assertThat(c.call("TTL", "str2")).isEqualTo(100L);

            assertThat(c.call("COPY", "str", "str2")).isEqualTo(0L);
            assertThat(c.call("COPY", "l", "str2", "REPLACE")).isEqualTo(1L);
            assertThat(c.call("TYPE", "str2")).isEqualTo("list");
            assertThat(c.call("TTL", "str2")).isEqualTo(-1L);
            assertThat(c.call("COPY", "nokey", "x")).isEqualTo(0L);
            assertThat(c.call("COPY", "str", "str")).isEqualTo(SAME_OBJECT);
            assertThat(c.call("COPY", "str", "str", "DB", "1")).isEqualTo(1L);
            assertThat(c.call("COPY", "str", "x", "DB", "16")).isEqualTo(OUT_OF_RANGE);
            assertThat(c.call("COPY", "str", "x", "DB")).isEqualTo(SYNTAX);
            assertThat(c.call("COPY", "str", "x", "FOO")).isEqualTo(SYNTAX);
            c.call("SELECT", "1");
            assertThat(c.call("GET", "str")).isEqualTo("v");
        }
    }

    @Test
    void objectReportsRedisEncodingsAndCounters() {
        try (RespClient c = node.client()) {
            c.call("SET", "int", "42");
            c.call("SET", "big", "123456");
            c.call("RPUSH", "list", "a");
            c.call("HSET", "hash", "f", "v");
            c.call("ZADD", "zset", "1", "a");
            assertThat(c.call("OBJECT", "ENCODING", "int")).isEqualTo("int");
            assertThat(c.call("OBJECT", "ENCODING", "list")).isEqualTo("quicklist");
            assertThat(c.call("OBJECT", "ENCODING", "hash")).isEqualTo("listpack");
            assertThat(c.call("OBJECT", "ENCODING", "zset")).isEqualTo("listpack");
            assertThat(c.call("OBJECT", "ENCODING", "nokey")).isNull();
            assertThat(c.call("OBJECT", "REFCOUNT", "int")).isEqualTo(2147483647L);
            assertThat(c.call("OBJECT", "REFCOUNT", "big")).isEqualTo(1L);
            assertThat(c.call("OBJECT", "IDLETIME", "int")).isEqualTo(0L);
            assertThat(c.call("OBJECT", "FREQ", "int")).isEqualTo(new RespClient.Error(
                    "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when "
                            + "switching between policies at runtime LRU and LFU data will take some time to adjust."));
            assertThat(c.call("OBJECT", "FREQ", "nokey")).isNull();
            List<?> help = (List<?>) c.call("OBJECT", "HELP");
            assertThat(help.get(0)).isEqualTo("OBJECT <subcommand> [<arg> [value] [opt] ...]. Available subcommands:");
            assertThat(help.get(help.size() - 1)).isEqualTo("    Shows this list.");
            assertThat(c.call("OBJECT", "FOO")).isEqualTo(new RespClient.Error("ERR unknown subcommand 'FOO'. Try OBJECT HELP."));
            assertThat(c.call("OBJECT", "ENCODING"))
                    .isEqualTo(new RespClient.Error("ERR wrong number of arguments for 'object|encoding' command"));
        }
    }

    private static Set<Object> set(Object reply) {
        return new HashSet<>(new ArrayList<>((List<?>) reply));
    }
}
