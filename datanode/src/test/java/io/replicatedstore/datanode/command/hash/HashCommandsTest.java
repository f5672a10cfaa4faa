package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.server.Server;
import io.replicatedstore.datanode.store.HashValue;
import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HashCommandsTest {

    private static final RespClient.Error WRONGTYPE =
            new RespClient.Error("WRONGTYPE Operation against a key holding the wrong kind of value");
    private static final RespClient.Error SYNTAX = new RespClient.Error("ERR syntax error");
    private static final RespClient.Error NOT_INTEGER = new RespClient.Error("ERR value is not an integer or out of range");

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start();
    /** A node with tiny listpack limits, for encoding transitions and multi-step HSCAN. */
    @RegisterExtension
    static final NodeExtension small =
            NodeExtension.start("--hash-max-listpack-entries", "4", "--hash-max-listpack-value", "8");

    @Test
    void hsetAddsEveryPairAndRepliesWithTheNumberOfNewFields() {
        try (RespClient c = node.client()) {
            assertThat(c.call("HSET", "hset:h", "a", "1")).isEqualTo(1L);
            assertThat(c.call("HSET", "hset:h", "a", "2", "b", "3", "c", "4")).isEqualTo(2L);
            assertThat(c.call("HGET", "hset:h", "a")).isEqualTo("2");
            assertThat(c.call("HLEN", "hset:h")).isEqualTo(3L);
            assertThat(c.call("HSET", "hset:h", "a", "1", "b"))
                    .isEqualTo(new RespClient.Error("ERR wrong number of arguments for 'hset' command"));
            assertThat(c.call("HSET", "hset:h", "a"))
                    .isEqualTo(new RespClient.Error("ERR wrong number of arguments for 'hset' command"));
            assertThat(c.call("HGET", "hset:missing", "a")).isNull();
            assertThat(c.call("HGET", "hset:h", "missing")).isNull();
        }
    }

    @Test
    void hmsetRepliesOkAndHmgetGivesNullForMissingFields() {
        try (RespClient c = node.client()) {
            assertThat(c.call("HMSET", "hmset:h", "a", "1", "b", "2")).isEqualTo("OK");
            assertThat(c.call("HMSET", "hmset:h", "a"))
                    .isEqualTo(new RespClient.Error("ERR wrong number of arguments for 'hmset' command"));
            assertThat(c.call("HMGET", "hmset:h", "a", "nope", "b")).isEqualTo(list("1", null, "2"));
            assertThat(c.call("HMGET", "hmset:missing", "a", "b")).isEqualTo(list(null, null));
        }
    }

    @Test
    void hsetnxOnlySetsAMissingField() {
        try (RespClient c = node.client()) {
            assertThat(c.call("HSETNX", "hsetnx:h", "f", "first")).isEqualTo(1L);
            assertThat(c.call("HSETNX", "hsetnx:h", "f", "second")).isEqualTo(0L);
            assertThat(c.call("HGET", "hsetnx:h", "f")).isEqualTo("first");
        }
    }

    @Test
    void hdelCountsRemovedFieldsAndDeletesTheEmptiedKey() {
        try (RespClient c = node.client()) {
            c.call("HSET", "hdel:h", "a", "1", "b", "2", "c", "3");
            assertThat(c.call("HDEL", "hdel:h", "a", "nope", "a")).isEqualTo(1L);
            assertThat(c.call("HDEL", "hdel:missing", "a")).isEqualTo(0L);
            assertThat(c.call("HDEL", "hdel:h", "b", "c")).isEqualTo(2L);
            assertThat(c.call("HLEN", "hdel:h")).isEqualTo(0L);
            // The key is gone, so another type can take its name.
            assertThat(c.call("SADD", "hdel:h", "x")).isEqualTo(1L);
        }
    }

    @Test
    void readCommandsAnswerForPresentAndMissingKeysAndFields() {
        try (RespClient c = node.client()) {
            c.call("HSET", "read:h", "f1", "hello", "f2", "", "n", "-123");
            assertThat(c.call("HEXISTS", "read:h", "f1")).isEqualTo(1L);
            assertThat(c.call("HEXISTS", "read:h", "nope")).isEqualTo(0L);
            assertThat(c.call("HEXISTS", "read:missing", "f1")).isEqualTo(0L);
            assertThat(c.call("HSTRLEN", "read:h", "f1")).isEqualTo(5L);
            assertThat(c.call("HSTRLEN", "read:h", "f2")).isEqualTo(0L);
            assertThat(c.call("HSTRLEN", "read:h", "n")).isEqualTo(4L);
            assertThat(c.call("HSTRLEN", "read:missing", "f1")).isEqualTo(0L);
            assertThat(c.call("HLEN", "read:missing")).isEqualTo(0L);
            assertThat(c.call("HKEYS", "read:h")).isEqualTo(list("f1", "f2", "n"));
            assertThat(c.call("HVALS", "read:h")).isEqualTo(list("hello", "", "-123"));
            assertThat(c.call("HGETALL", "read:h")).isEqualTo(list("f1", "hello", "f2", "", "n", "-123"));
            assertThat(c.call("HKEYS", "read:missing")).isEqualTo(List.of());
            assertThat(c.call("HVALS", "read:missing")).isEqualTo(List.of());
            assertThat(c.call("HGETALL", "read:missing")).isEqualTo(List.of());
        }
    }

    @Test
    void hgetallIsAMapInResp3() {
        try (RespClient c = node.client()) {
            c.call("HELLO", "3");
            c.call("HSET", "resp3:h", "a", "1", "b", "2");
            Object reply = c.call("HGETALL", "resp3:h");
            assertThat(reply).isInstanceOf(Map.class);
            assertThat(reply).isEqualTo(new java.util.LinkedHashMap<>(Map.of("a", "1", "b", "2")));
            assertThat(new ArrayList<Object>(((Map<?, ?>) reply).keySet())).isEqualTo(list("a", "b"));
            assertThat(c.call("HGETALL", "resp3:missing")).isEqualTo(Map.of());
            assertThat(c.call("HGET", "resp3:missing", "a")).isNull();
        }
    }

    @Test
    void hincrbyAddsToIntegersAndRejectsNonIntegersAndOverflow() {
        try (RespClient c = node.client()) {
            assertThat(c.call("HINCRBY", "incr:h", "n", "5")).isEqualTo(5L);
            assertThat(c.call("HINCRBY", "incr:h", "n", "-7")).isEqualTo(-2L);
            assertThat(c.call("HGET", "incr:h", "n")).isEqualTo("-2");
            assertThat(c.call("HINCRBY", "incr:h", "n", "1.5")).isEqualTo(NOT_INTEGER);
            c.call("HSET", "incr:h", "s", "abc", "f", "1.5", "lead", "01",
                    "max", "9223372036854775807", "min", "-9223372036854775808");
            RespClient.Error notHashInt = new RespClient.Error("ERR hash value is not an integer");
            assertThat(c.call("HINCRBY", "incr:h", "s", "1")).isEqualTo(notHashInt);
            assertThat(c.call("HINCRBY", "incr:h", "f", "1")).isEqualTo(notHashInt);
            assertThat(c.call("HINCRBY", "incr:h", "lead", "1")).isEqualTo(notHashInt);
            RespClient.Error overflow = new RespClient.Error("ERR increment or decrement would overflow");
            assertThat(c.call("HINCRBY", "incr:h", "max", "1")).isEqualTo(overflow);
            assertThat(c.call("HINCRBY", "incr:h", "min", "-1")).isEqualTo(overflow);
            assertThat(c.call("HINCRBY", "incr:h", "max", "-1")).isEqualTo(9223372036854775806L);
            // A failed increment on a missing key leaves no empty hash behind.
            assertThat(c.call("HINCRBY", "incr:none", "n", "x")).isEqualTo(NOT_INTEGER);
            assertThat(c.call("SADD", "incr:none", "x")).isEqualTo(1L);
        }
    }

    @Test
    void hincrbyfloatComputesInLongDoubleAndPrintsLikeRedis() {
        try (RespClient c = node.client()) {
            assertThat(c.call("HINCRBYFLOAT", "float:h", "x", "10.5")).isEqualTo("10.5");
            assertThat(c.call("HINCRBYFLOAT", "float:h", "x", "0.1")).isEqualTo("10.6");
            assertThat(c.call("HINCRBYFLOAT", "float:h", "x", "-5.6")).isEqualTo("5");
            assertThat(c.call("HINCRBYFLOAT", "float:h", "x", "5.0e3")).isEqualTo("5005");
            // Values with no exact long double show its rounding, as in Redis on x86-64.
            assertThat(c.call("HINCRBYFLOAT", "float:h", "x", "1e-5")).isEqualTo("5005.00001000000000007");
            assertThat(c.call("HGET", "float:h", "x")).isEqualTo("5005.00001000000000007");
            assertThat(c.call("HINCRBYFLOAT", "float:h", "y", "0x10")).isEqualTo("16");
            assertThat(c.call("HINCRBYFLOAT", "float:h", "y", "-16")).isEqualTo("0");
            c.call("HSET", "float:h", "big", "9223372036854775807");
            assertThat(c.call("HINCRBYFLOAT", "float:h", "big", "1")).isEqualTo("9223372036854775808");
            assertThat(c.call("HINCRBYFLOAT", "float:h", "big", "1.5")).isEqualTo("9223372036854775810");
        }
    }

    @Test
    void hincrbyfloatRejectsBadIncrementsAndValues() {
        try (RespClient c = node.client()) {
            RespClient.Error notFloat = new RespClient.Error("ERR value is not a valid float");
            assertThat(c.call("HINCRBYFLOAT", "floaterr:h", "x", "abc")).isEqualTo(notFloat);
            assertThat(c.call("HINCRBYFLOAT", "floaterr:h", "x", "nan")).isEqualTo(notFloat);
            assertThat(c.call("HINCRBYFLOAT", "floaterr:h", "x", " 1")).isEqualTo(notFloat);
            assertThat(c.call("HINCRBYFLOAT", "floaterr:h", "x", "inf"))
                    .isEqualTo(new RespClient.Error("ERR value is NaN or Infinity"));
            c.call("HSET", "floaterr:h", "s", "abc", "i", "inf");
            assertThat(c.call("HINCRBYFLOAT", "floaterr:h", "s", "1"))
                    .isEqualTo(new RespClient.Error("ERR hash value is not a float"));
            assertThat(c.call("HINCRBYFLOAT", "floaterr:h", "i", "1"))
                    .isEqualTo(new RespClient.Error("ERR increment would produce NaN or Infinity"));
        }
    }

    @Test
    void everyHashCommandRejectsAnotherType() {
        try (RespClient c = node.client()) {
            c.call("SADD", "wrong:s", "x");
            assertThat(c.call("HSET", "wrong:s", "a", "1")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HSETNX", "wrong:s", "a", "1")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HMSET", "wrong:s", "a", "1")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HGET", "wrong:s", "a")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HMGET", "wrong:s", "a")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HDEL", "wrong:s", "a")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HEXISTS", "wrong:s", "a")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HGETALL", "wrong:s")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HKEYS", "wrong:s")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HVALS", "wrong:s")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HLEN", "wrong:s")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HSTRLEN", "wrong:s", "a")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HINCRBY", "wrong:s", "a", "1")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HINCRBYFLOAT", "wrong:s", "a", "1")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HSCAN", "wrong:s", "0")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HRANDFIELD", "wrong:s")).isEqualTo(WRONGTYPE);
            assertThat(c.call("HRANDFIELD", "wrong:s", "-3", "WITHVALUES")).isEqualTo(WRONGTYPE);
            // Argument errors come before the type check.
            assertThat(c.call("HINCRBY", "wrong:s", "a", "x")).isEqualTo(NOT_INTEGER);
            assertThat(c.call("HSCAN", "wrong:s", "x")).isEqualTo(new RespClient.Error("ERR invalid cursor"));
        }
    }

    @Test
    void hashesSwitchFromListpackToHashtableAtTheConfiguredLimits() throws Exception {
        try (RespClient c = small.client()) {
            c.call("HSET", "enc:entries", "a", "1", "b", "2", "c", "3", "d", "4");
            assertThat(encoding(small, c, "enc:entries")).isEqualTo("listpack");
            c.call("HSET", "enc:entries", "e", "5");
            assertThat(encoding(small, c, "enc:entries")).isEqualTo("hashtable");
            c.call("HDEL", "enc:entries", "a", "b", "c");
            assertThat(encoding(small, c, "enc:entries")).isEqualTo("hashtable");

            c.call("HSET", "enc:value", "f", "12345678");
            assertThat(encoding(small, c, "enc:value")).isEqualTo("listpack");
            c.call("HSET", "enc:value", "f", "123456789");
            assertThat(encoding(small, c, "enc:value")).isEqualTo("hashtable");

            c.call("HSETNX", "enc:field", "123456789", "x");
            assertThat(encoding(small, c, "enc:field")).isEqualTo("hashtable");

            c.call("HINCRBYFLOAT", "enc:incr", "f", "1.5");
            assertThat(encoding(small, c, "enc:incr")).isEqualTo("listpack");
            c.call("HINCRBYFLOAT", "enc:incr", "f", "0.0000001"); // "1.5000001": 9 bytes
            assertThat(encoding(small, c, "enc:incr")).isEqualTo("hashtable");

            for (String f : List.of("a", "b", "c", "d")) {
                c.call("HINCRBY", "enc:incrby", f, "1");
            }
            assertThat(encoding(small, c, "enc:incrby")).isEqualTo("listpack");
            c.call("HINCRBY", "enc:incrby", "e", "1");
            assertThat(encoding(small, c, "enc:incrby")).isEqualTo("hashtable");
        }
    }

    @Test
    void hscanReturnsAListpackHashWholeWithCursorZero() {
        try (RespClient c = node.client()) {
            c.call("HSET", "scan:h", "f1", "a", "f2", "b", "g1", "c");
            assertThat(c.call("HSCAN", "scan:h", "0", "COUNT", "1"))
                    .isEqualTo(list("0", list("f1", "a", "f2", "b", "g1", "c")));
            assertThat(c.call("HSCAN", "scan:h", "0", "MATCH", "f*")).isEqualTo(list("0", list("f1", "a", "f2", "b")));
            assertThat(c.call("HSCAN", "scan:h", "0", "match", "*", "count", "5"))
                    .isEqualTo(list("0", list("f1", "a", "f2", "b", "g1", "c")));
            assertThat(c.call("HSCAN", "scan:missing", "0", "BOGUS")).isEqualTo(list("0", List.of()));
        }
    }

    @Test
    void hscanValidatesCursorAndOptionsLikeRedis() {
        try (RespClient c = node.client()) {
            c.call("HSET", "scanerr:h", "f", "v");
            RespClient.Error invalidCursor = new RespClient.Error("ERR invalid cursor");
            assertThat(c.call("HSCAN", "scanerr:h", "abc")).isEqualTo(invalidCursor);
            assertThat(c.call("HSCAN", "scanerr:h", " 0")).isEqualTo(invalidCursor);
            assertThat(c.call("HSCAN", "scanerr:h", "18446744073709551616")).isEqualTo(invalidCursor);
            assertThat(c.call("HSCAN", "scanerr:missing", "abc")).isEqualTo(invalidCursor);
            // strtoul accepts these
            assertThat(c.call("HSCAN", "scanerr:h", "")).isEqualTo(list("0", list("f", "v")));
            assertThat(c.call("HSCAN", "scanerr:h", "-1")).isEqualTo(list("0", list("f", "v")));
            assertThat(c.call("HSCAN", "scanerr:h", "+0")).isEqualTo(list("0", list("f", "v")));
            assertThat(c.call("HSCAN", "scanerr:h", "0", "COUNT", "0")).isEqualTo(SYNTAX);
            assertThat(c.call("HSCAN", "scanerr:h", "0", "COUNT", "x")).isEqualTo(NOT_INTEGER);
            assertThat(c.call("HSCAN", "scanerr:h", "0", "MATCH")).isEqualTo(SYNTAX);
            assertThat(c.call("HSCAN", "scanerr:h", "0", "TYPE", "string")).isEqualTo(SYNTAX);
        }
    }

    @Test
    void hscanOfAHashtableVisitsEveryFieldAcrossCalls() {
        try (RespClient c = small.client()) {
            List<Object> args = new ArrayList<>(List.of("HSET", "bigscan:h"));
            for (int i = 0; i < 50; i++) {
                args.add("f" + i);
                args.add("v" + i);
            }
            c.call(args.toArray());
            Set<String> seen = new HashSet<>();
            String cursor = "0";
            int calls = 0;
            do {
                List<?> reply = (List<?>) c.call("HSCAN", "bigscan:h", cursor, "COUNT", "7");
                cursor = (String) reply.get(0);
                List<?> items = (List<?>) reply.get(1);
                for (int i = 0; i < items.size(); i += 2) {
                    assertThat(items.get(i + 1)).isEqualTo("v" + ((String) items.get(i)).substring(1));
                    seen.add((String) items.get(i));
                }
                calls++;
            } while (!cursor.equals("0"));
            assertThat(seen).hasSize(50);
            assertThat(calls).isGreaterThan(1);
            List<?> matched = (List<?>) ((List<?>) c.call("HSCAN", "bigscan:h", "0", "MATCH", "f1?", "COUNT", "1000")).get(1);
            assertThat(matched).hasSize(20);
        }
    }

    @Test
    void hrandfieldPicksDistinctFieldsForAPositiveCountAndRepeatsForANegativeOne() {
        try (RespClient c = node.client()) {
            c.call("HSET", "rand:h", "a", "1", "b", "2", "c", "3");
            assertThat(c.call("HRANDFIELD", "rand:h")).isIn("a", "b", "c");
            assertThat(c.call("HRANDFIELD", "rand:missing")).isNull();
            assertThat(c.call("HRANDFIELD", "rand:missing", "3")).isEqualTo(List.of());
            assertThat(c.call("HRANDFIELD", "rand:h", "0")).isEqualTo(List.of());
            List<Object> two = objects(c.call("HRANDFIELD", "rand:h", "2"));
            assertThat(two).hasSize(2).doesNotHaveDuplicates().isSubsetOf("a", "b", "c");
            assertThat(c.call("HRANDFIELD", "rand:h", "10")).isEqualTo(list("a", "b", "c"));
            List<Object> many = objects(c.call("HRANDFIELD", "rand:h", "-20"));
            assertThat(many).hasSize(20).isSubsetOf("a", "b", "c");
            List<?> withValues = (List<?>) c.call("HRANDFIELD", "rand:h", "-4", "WITHVALUES");
            assertThat(withValues).hasSize(8);
            for (int i = 0; i < 8; i += 2) {
                assertThat(Map.of("a", "1", "b", "2", "c", "3").get(withValues.get(i))).isEqualTo(withValues.get(i + 1));
            }
            assertThat(c.call("HRANDFIELD", "rand:h", "5", "withvalues")).isEqualTo(list("a", "1", "b", "2", "c", "3"));
        }
    }

    @Test
    void hrandfieldWithValuesGivesPairsInResp3() {
        try (RespClient c = node.client()) {
            c.call("HELLO", "3");
            c.call("HSET", "rand3:h", "a", "1", "b", "2");
            assertThat(c.call("HRANDFIELD", "rand3:h", "5", "WITHVALUES")).isEqualTo(list(list("a", "1"), list("b", "2")));
            assertThat(c.call("HRANDFIELD", "rand3:h", "-3", "WITHVALUES")).asList().hasSize(3)
                    .allSatisfy(pair -> assertThat(pair).isIn(list("a", "1"), list("b", "2")));
            assertThat(c.call("HRANDFIELD", "rand3:h", "2")).isEqualTo(list("a", "b"));
        }
    }

    @Test
    void hrandfieldValidatesItsArguments() {
        try (RespClient c = node.client()) {
            c.call("HSET", "randerr:h", "a", "1");
            assertThat(c.call("HRANDFIELD", "randerr:h", "x")).isEqualTo(NOT_INTEGER);
            assertThat(c.call("HRANDFIELD", "randerr:h", "1", "foo")).isEqualTo(SYNTAX);
            assertThat(c.call("HRANDFIELD", "randerr:h", "1", "WITHVALUES", "x")).isEqualTo(SYNTAX);
            assertThat(c.call("HRANDFIELD", "randerr:h", "-9223372036854775808")).isEqualTo(new RespClient.Error(
                    "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"));
            RespClient.Error outOfRange = new RespClient.Error("ERR value is out of range");
            assertThat(c.call("HRANDFIELD", "randerr:h", "-4611686018427387904", "WITHVALUES")).isEqualTo(outOfRange);
            assertThat(c.call("HRANDFIELD", "randerr:missing", "4611686018427387904", "WITHVALUES")).isEqualTo(outOfRange);
            assertThat(c.call("HRANDFIELD", "randerr:h", "4611686018427387903", "WITHVALUES")).isEqualTo(list("a", "1"));
            assertThat(c.call("HRANDFIELD", "randerr:h", "-3")).isEqualTo(list("a", "a", "a"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> objects(Object reply) {
        return (List<Object>) reply;
    }

    private static List<Object> list(Object... items) {
        return new ArrayList<>(java.util.Arrays.asList(items));
    }

    /** OBJECT ENCODING if the node has it, else the value's encoding read on the node's own thread. */
    static String encoding(NodeExtension target, RespClient c, String key) throws Exception {
        Object reply = c.call("OBJECT", "ENCODING", key);
        if (!(reply instanceof RespClient.Error error && error.message().startsWith("ERR unknown command"))) {
            return (String) reply;
        }
        Server server = target.node().server();
        return server.eventLoop().submit(() -> {
            Object value = server.keyspace().db(0).peek(key.getBytes(StandardCharsets.UTF_8));
            return value == null ? null : ((HashValue) value).encoding();
        }).get(10, TimeUnit.SECONDS);
    }
}
