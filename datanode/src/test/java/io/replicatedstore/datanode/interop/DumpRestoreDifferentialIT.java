package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.persist.rdb.Crc64;
import io.replicatedstore.datanode.testing.RedisAndDataNode;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DUMP gives the same bytes as Debian's redis-server 7.0.15 for every type and encoding the node
 * holds, a payload from either server RESTOREs on the other, and RESTORE's options and errors
 * (BUSYKEY, wrong version or checksum, a corrupt value, bad TTL/IDLETIME/FREQ) answer the same.
 */
class DumpRestoreDifferentialIT {

    @RegisterExtension
    static final RedisAndDataNode servers = new RedisAndDataNode();

    /** Hashtable-encoded values: Redis writes them in its dict's (seeded, random) order, so they compare by content. */
    private static final List<String> UNORDERED = List.of("set", "bigset", "bighash");

    private static final String[] KEYS = {"str", "int", "long", "big", "list", "biglist", "intset", "set", "bigset",
        "hash", "bighash", "zset", "bigzset", "stream"};

    @BeforeEach
    void fill() {
        for (RespClient c : List.of(servers.redis().client(), servers.dataNode().client())) {
            try (c) {
                c.call("FLUSHALL");
                c.call("CONFIG", "SET", "maxmemory-policy", "noeviction");
                // The node's LZF compressor is its own (any LZF stream decodes the same): bytes
                // are compared uncompressed; compressed payloads by what they restore to.
                c.call("CONFIG", "SET", "rdbcompression", "no");
                c.call("SET", "str", "hello");
                c.call("SET", "int", "12345");
                c.call("SET", "long", "-9223372036854775808");
                c.call("SET", "big", "abc".repeat(1000));
                c.call("RPUSH", "list", "a", "1", "-7", "x".repeat(70));
                c.call("SADD", "intset", "1", "-3", "100000", "70000000000");
                c.call("SADD", "set", "a", "b", "1");
                c.call("HSET", "hash", "f", "v", "n", "12");
                c.call("ZADD", "zset", "1.5", "a", "-2", "b", "inf", "c");
                // Explicit ids and a group without consumers: no clock in the bytes.
                c.call("XADD", "stream", "1-1", "a", "1");
                c.call("XADD", "stream", "2-1", "b", "2", "c", "3");
                c.call("XADD", "stream", "3-1", "a", "4");
                c.call("XDEL", "stream", "2-1");
                c.call("XGROUP", "CREATE", "stream", "g", "1-1", "ENTRIESREAD", "1");
                for (int i = 0; i < 300; i++) {
                    c.call("RPUSH", "biglist", "element-" + i);
                    c.call("SADD", "bigset", "m" + i);
                    c.call("HSET", "bighash", "f" + i, "v" + i);
                    c.call("ZADD", "bigzset", String.valueOf(i * 0.25), "m" + i);
                }
            }
        }
    }

    @Test
    void dumpGivesRedisBytesForEveryTypeAndEncoding() {
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (String key : KEYS) {
                byte[] expected = theirs.callBytes("DUMP", key);
                assertThat(expected).as("redis DUMP %s", key).isNotNull();
                if (!UNORDERED.contains(key)) {
                    assertThat(mine.callBytes("DUMP", key)).as("DUMP %s", key).isEqualTo(expected);
                }
            }
            assertThat(mine.call("DUMP", "nokey")).isNull();
        }
    }

    @Test
    void payloadsRestoreAcrossBothServers() {
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (String compression : List.of("no", "yes")) {
                theirs.call("CONFIG", "SET", "rdbcompression", compression);
                mine.call("CONFIG", "SET", "rdbcompression", compression);
                for (String key : KEYS) {
                    byte[] fromRedis = theirs.callBytes("DUMP", key);
                    byte[] fromUs = mine.callBytes("DUMP", key);
                    assertThat(mine.call("RESTORE", key + ":" + compression, "0", fromRedis)).isEqualTo("OK");
                    assertThat(theirs.call("RESTORE", key + ":" + compression, "0", fromUs)).isEqualTo("OK");
                }
            }
            theirs.call("CONFIG", "SET", "rdbcompression", "no");
            mine.call("CONFIG", "SET", "rdbcompression", "no");
            for (String key : KEYS) {
                byte[] expected = theirs.callBytes("DUMP", key);
                for (String copy : List.of(key + ":no", key + ":yes")) {
                    if (UNORDERED.contains(key)) {
                        assertThat(content(mine, copy)).as(copy).isEqualTo(content(theirs, key)).isNotEmpty();
                        assertThat(content(theirs, copy)).as(copy).isEqualTo(content(theirs, key));
                    } else {
                        assertThat(mine.callBytes("DUMP", copy)).as(copy).isEqualTo(expected);
                        assertThat(theirs.callBytes("DUMP", copy)).as(copy).isEqualTo(expected);
                    }
                    assertThat(mine.call("OBJECT", "ENCODING", copy)).isEqualTo(theirs.call("OBJECT", "ENCODING", copy));
                }
            }
        }
    }

    @Test
    void restoreOptionsAndErrorsAnswerAsRedis() {
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            byte[] payload = theirs.callBytes("DUMP", "str");
            byte[] wrongCrc = payload.clone();
            wrongCrc[wrongCrc.length - 1] ^= 1;
            byte[] newerVersion = withFooter(Arrays.copyOf(payload, payload.length - 10), 11);
            // A string claiming 4 GB, and an LZF string claiming 1 GB compressed: valid footers.
            byte[] hugeString = withFooter(new byte[] {0, (byte) 0x81, 0, 0, 0, 1, 0, 0, 0, 0}, 10);
            byte[] hugeLzf = withFooter(new byte[] {0, (byte) 0xc3, (byte) 0x80, 0x40, 0, 0, 0, (byte) 0x80, 0x40, 0, 0, 0, 1, 2}, 10);
            byte[] emptyList = withFooter(new byte[] {18, 0}, 10);
            byte[] unknownType = withFooter(new byte[] {99, 0}, 10);
            byte[] truncated = withFooter(Arrays.copyOf(theirs.callBytes("DUMP", "bighash"), 40), 10);
            List<Object[]> commands = new ArrayList<>(List.of(
                    new Object[] {"RESTORE", "str", "0", payload},
                    new Object[] {"RESTORE", "str", "0", payload, "REPLACE"},
                    new Object[] {"RESTORE", "n1", "0", wrongCrc},
                    new Object[] {"RESTORE", "n1", "0", newerVersion},
                    new Object[] {"RESTORE", "n1", "0", "short"},
                    new Object[] {"RESTORE", "n1", "0", hugeString},
                    new Object[] {"RESTORE", "n1", "0", hugeLzf},
                    new Object[] {"RESTORE", "n1", "0", emptyList},
                    new Object[] {"RESTORE", "n1", "0", unknownType},
                    new Object[] {"RESTORE", "n1", "0", truncated},
                    new Object[] {"RESTORE", "n1", "-1", payload},
                    new Object[] {"RESTORE", "n1", "x", payload},
                    new Object[] {"RESTORE", "n1", "0", payload, "IDLETIME", "-1"},
                    new Object[] {"RESTORE", "n1", "0", payload, "FREQ", "256"},
                    new Object[] {"RESTORE", "n1", "0", payload, "IDLETIME", "1", "FREQ", "1"},
                    new Object[] {"RESTORE", "n1", "0", payload, "BOGUS"},
                    new Object[] {"RESTORE", "n1", "100000", payload},
                    new Object[] {"PTTL", "n1"},
                    new Object[] {"RESTORE", "n2", "4102444800000", payload, "ABSTTL"},
                    new Object[] {"PEXPIRETIME", "n2"},
                    new Object[] {"RESTORE", "n3", "1", payload, "ABSTTL"},
                    new Object[] {"EXISTS", "n3"},
                    new Object[] {"RESTORE", "str", "1", payload, "ABSTTL", "REPLACE"},
                    new Object[] {"EXISTS", "str"},
                    new Object[] {"RESTORE", "n4", "0", payload, "IDLETIME", "1000"},
                    new Object[] {"OBJECT", "IDLETIME", "n4"},
                    new Object[] {"CONFIG", "SET", "maxmemory-policy", "allkeys-lfu"},
                    new Object[] {"RESTORE", "n5", "0", payload, "FREQ", "100"},
                    new Object[] {"OBJECT", "FREQ", "n5"},
                    new Object[] {"GET", "n5"}));
            for (Object[] command : commands) {
                Object expected = theirs.call(command);
                Object actual = mine.call(command);
                if (command[0].equals("PTTL")) {
                    assertThat((Long) actual).isBetween((Long) expected - 5000, 100000L);
                } else {
                    assertThat(actual).as(Arrays.deepToString(command)).isEqualTo(expected);
                }
            }
        }
    }

    /** A set's members or a hash's field=value pairs, sorted. */
    private static List<String> content(RespClient c, String key) {
        List<?> items = (List<?>) c.call(c.call("TYPE", key).equals("set") ? "SMEMBERS" : "HGETALL", key);
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            out.add(String.valueOf(item));
        }
        out.sort(null);
        return out;
    }

    /** The body followed by a version and the CRC-64 Redis computes over both. */
    private static byte[] withFooter(byte[] body, int version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(body);
        out.write(version);
        out.write(0);
        long crc = Crc64.of(out.toByteArray());
        for (int i = 0; i < 8; i++) {
            out.write((int) (crc >>> (8 * i)));
        }
        return out.toByteArray();
    }
}
