package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StringCommandsTest {

    private static final RespClient.Error WRONGTYPE =
            new RespClient.Error("WRONGTYPE Operation against a key holding the wrong kind of value");
    private static final RespClient.Error SYNTAX = new RespClient.Error("ERR syntax error");
    private static final RespClient.Error NOT_INTEGER = new RespClient.Error("ERR value is not an integer or out of range");
    private static final RespClient.Error NOT_FLOAT = new RespClient.Error("ERR value is not a valid float");

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start();

    private static RespClient.Error invalidExpire(String command) {
        return new RespClient.Error("ERR invalid expire time in '" + command + "' command");
    }

    @Test
    void setAndGetStoreBinarySafeValues() {
        try (RespClient c = node.client()) {
            assertThat(c.call("GET", "sg:missing")).isNull();
            assertThat(c.call("SET", "sg:k", "hello")).isEqualTo("OK");
            assertThat(c.call("GET", "sg:k")).isEqualTo("hello");
            byte[] binary = {0, 1, '\r', '\n', (byte) 0xff};
            assertThat(c.call("SET", "sg:bin", binary)).isEqualTo("OK");
            assertThat(c.call("STRLEN", "sg:bin")).isEqualTo(5L);
            assertThat(c.call("SET", "sg:empty", "")).isEqualTo("OK");
            assertThat(c.call("GET", "sg:empty")).isEqualTo("");
            assertThat(c.call("SET", "sg:k")).isEqualTo(new RespClient.Error("ERR wrong number of arguments for 'set' command"));
        }
    }

    @Test
    void getOnAnotherTypeIsWrongType() {
        try (RespClient c = node.client()) {
            c.call("RPUSH", "wt:list", "a");
            for (Object[] command : List.of(
                    new Object[] {"GET", "wt:list"}, new Object[] {"GETSET", "wt:list", "x"},
                    new Object[] {"GETDEL", "wt:list"}, new Object[] {"GETEX", "wt:list"},
                    new Object[] {"INCR", "wt:list"}, new Object[] {"INCRBYFLOAT", "wt:list", "1"},
                    new Object[] {"APPEND", "wt:list", "x"}, new Object[] {"STRLEN", "wt:list"},
                    new Object[] {"GETRANGE", "wt:list", "0", "1"}, new Object[] {"SETRANGE", "wt:list", "0", "x"},
                    new Object[] {"SET", "wt:list", "v", "GET"})) {
                assertThat(c.call(command)).as(Arrays.toString(command)).isEqualTo(WRONGTYPE);
            }
            assertThat(c.call("TYPE", "wt:list")).isEqualTo("list");
            assertThat(c.call("MGET", "wt:list", "wt:missing")).isEqualTo(Arrays.asList(null, null));
        }
    }

    @Test
    void setNxAndXxOnlyWriteWhenTheKeyIsMissingOrPresent() {
        try (RespClient c = node.client()) {
            assertThat(c.call("SET", "nx:k", "a", "XX")).isNull();
            assertThat(c.call("EXISTS", "nx:k")).isEqualTo(0L);
            assertThat(c.call("SET", "nx:k", "a", "NX")).isEqualTo("OK");
            assertThat(c.call("SET", "nx:k", "b", "NX")).isNull();
            assertThat(c.call("SET", "nx:k", "c", "xx")).isEqualTo("OK");
            assertThat(c.call("GET", "nx:k")).isEqualTo("c");
            assertThat(c.call("SET", "nx:k", "d", "NX", "XX")).isEqualTo(SYNTAX);
            assertThat(c.call("SETNX", "nx:k", "e")).isEqualTo(0L);
            assertThat(c.call("SETNX", "nx:new", "e")).isEqualTo(1L);
        }
    }

    @Test
    void setGetAnswersTheOldValue() {
        try (RespClient c = node.client()) {
            assertThat(c.call("SET", "sget:k", "1", "GET")).isNull();
            assertThat(c.call("SET", "sget:k", "2", "GET")).isEqualTo("1");
            assertThat(c.call("SET", "sget:k", "3", "NX", "GET")).isEqualTo("2");
            assertThat(c.call("GET", "sget:k")).isEqualTo("2");
            assertThat(c.call("SET", "sget:missing", "3", "XX", "GET")).isNull();
            assertThat(c.call("EXISTS", "sget:missing")).isEqualTo(0L);
        }
    }

    @Test
    void setExpiryOptionsAndTheirConflicts() {
        try (RespClient c = node.client()) {
            assertThat(c.call("SET", "sx:k", "v", "EX", "100")).isEqualTo("OK");
            assertThat(c.call("TTL", "sx:k")).isEqualTo(100L);
            assertThat(c.call("SET", "sx:k", "v", "PX", "50000")).isEqualTo("OK");
            assertThat(c.call("TTL", "sx:k")).isEqualTo(50L);
            assertThat(c.call("SET", "sx:k", "v", "KEEPTTL")).isEqualTo("OK");
            assertThat(c.call("TTL", "sx:k")).isEqualTo(50L);
            assertThat(c.call("SET", "sx:k", "v")).isEqualTo("OK");
            assertThat(c.call("TTL", "sx:k")).isEqualTo(-1L);
            assertThat(c.call("SET", "sx:k", "v", "EXAT", "4102444800")).isEqualTo("OK");
            assertThat(c.call("EXPIRETIME", "sx:k")).isEqualTo(4102444800L);
            assertThat(c.call("SET", "sx:k", "v", "PXAT", "4102444800123")).isEqualTo("OK");
            assertThat(c.call("PEXPIRETIME", "sx:k")).isEqualTo(4102444800123L);

            for (String[] conflict : List.of(
                    new String[] {"EX", "1", "PX", "1"}, new String[] {"EX", "1", "KEEPTTL"},
                    new String[] {"KEEPTTL", "PXAT", "1"}, new String[] {"EXAT", "1", "PXAT", "1"},
                    new String[] {"EX"}, new String[] {"PERSIST"}, new String[] {"FOO"})) {
                Object[] command = new Object[3 + conflict.length];
                command[0] = "SET";
                command[1] = "sx:k";
                command[2] = "v";
                System.arraycopy(conflict, 0, command, 3, conflict.length);
                assertThat(c.call(command)).as(Arrays.toString(command)).isEqualTo(SYNTAX);
            }
            assertThat(c.call("SET", "sx:k", "v", "EX", "0")).isEqualTo(invalidExpire("set"));
            assertThat(c.call("SET", "sx:k", "v", "PX", "-1")).isEqualTo(invalidExpire("set"));
            assertThat(c.call("SET", "sx:k", "v", "EX", "9223372036854775807")).isEqualTo(invalidExpire("set"));
            assertThat(c.call("SET", "sx:k", "v", "PX", "9223372036854775807")).isEqualTo(invalidExpire("set"));
            assertThat(c.call("SET", "sx:k", "v", "EX", "ten")).isEqualTo(NOT_INTEGER);
            assertThat(c.call("SET", "sx:k", "v", "PXAT", "1")).isEqualTo("OK");
            assertThat(c.call("GET", "sx:k")).isNull();
        }
    }

    @Test
    void setexAndPsetexNameThemselvesInExpireErrors() {
        try (RespClient c = node.client()) {
            assertThat(c.call("SETEX", "se:k", "100", "v")).isEqualTo("OK");
            assertThat(c.call("TTL", "se:k")).isEqualTo(100L);
            assertThat(c.call("PSETEX", "se:k", "20000", "w")).isEqualTo("OK");
            assertThat(c.call("TTL", "se:k")).isEqualTo(20L);
            assertThat(c.call("GET", "se:k")).isEqualTo("w");
            assertThat(c.call("SETEX", "se:k", "0", "v")).isEqualTo(invalidExpire("setex"));
            assertThat(c.call("PSETEX", "se:k", "-5", "v")).isEqualTo(invalidExpire("psetex"));
            assertThat(c.call("SETEX", "se:k", "x", "v")).isEqualTo(NOT_INTEGER);
        }
    }

    @Test
    void msetMgetAndMsetnx() {
        try (RespClient c = node.client()) {
            assertThat(c.call("MSET", "ms:a", "1", "ms:b", "2")).isEqualTo("OK");
            assertThat(c.call("MGET", "ms:a", "ms:b", "ms:c")).isEqualTo(Arrays.asList("1", "2", null));
            assertThat(c.call("MSET", "ms:a", "1", "ms:b"))
                    .isEqualTo(new RespClient.Error("ERR wrong number of arguments for 'mset' command"));
            assertThat(c.call("MSETNX", "ms:c", "3", "ms:a", "x")).isEqualTo(0L);
            assertThat(c.call("EXISTS", "ms:c")).isEqualTo(0L);
            assertThat(c.call("MSETNX", "ms:c", "3", "ms:d", "4")).isEqualTo(1L);
            assertThat(c.call("MGET", "ms:c", "ms:d")).isEqualTo(List.of("3", "4"));
            assertThat(c.call("MSETNX", "ms:e", "1", "ms:e", "2")).isEqualTo(1L);
            assertThat(c.call("GET", "ms:e")).isEqualTo("2");
        }
    }

    @Test
    void getsetGetdelAndGetex() {
        try (RespClient c = node.client()) {
            assertThat(c.call("GETSET", "gs:k", "a")).isNull();
            c.call("EXPIRE", "gs:k", "100");
            assertThat(c.call("GETSET", "gs:k", "b")).isEqualTo("a");
            assertThat(c.call("TTL", "gs:k")).isEqualTo(-1L);
            assertThat(c.call("GETDEL", "gs:k")).isEqualTo("b");
            assertThat(c.call("GETDEL", "gs:k")).isNull();

            c.call("SET", "gx:k", "v");
            assertThat(c.call("GETEX", "gx:k", "EX", "100")).isEqualTo("v");
            assertThat(c.call("TTL", "gx:k")).isEqualTo(100L);
            assertThat(c.call("GETEX", "gx:k", "PERSIST")).isEqualTo("v");
            assertThat(c.call("TTL", "gx:k")).isEqualTo(-1L);
            assertThat(c.call("GETEX", "gx:k", "PXAT", "4102444800123")).isEqualTo("v");
            assertThat(c.call("PEXPIRETIME", "gx:k")).isEqualTo(4102444800123L);
            assertThat(c.call("GETEX", "gx:k")).isEqualTo("v");
            assertThat(c.call("PEXPIRETIME", "gx:k")).isEqualTo(4102444800123L);
            assertThat(c.call("GETEX", "gx:k", "EX", "0")).isEqualTo(invalidExpire("getex"));
            assertThat(c.call("GETEX", "gx:k", "EX", "1", "PERSIST")).isEqualTo(SYNTAX);
            assertThat(c.call("GETEX", "gx:k", "KEEPTTL")).isEqualTo(SYNTAX);
            assertThat(c.call("GETEX", "gx:missing", "EX", "0")).isNull();
            assertThat(c.call("GETEX", "gx:missing", "FOO")).isEqualTo(SYNTAX);
            // An absolute time in the past answers the value and deletes the key.
            assertThat(c.call("GETEX", "gx:k", "EXAT", "1")).isEqualTo("v");
            assertThat(c.call("EXISTS", "gx:k")).isEqualTo(0L);
        }
    }

    @Test
    void incrementsAndDecrementsWithOverflowChecks() {
        try (RespClient c = node.client()) {
            assertThat(c.call("INCR", "in:k")).isEqualTo(1L);
            assertThat(c.call("INCRBY", "in:k", "41")).isEqualTo(42L);
            assertThat(c.call("DECR", "in:k")).isEqualTo(41L);
            assertThat(c.call("DECRBY", "in:k", "-9")).isEqualTo(50L);
            assertThat(c.call("GET", "in:k")).isEqualTo("50");
            assertThat(c.call("INCRBY", "in:k", "1.5")).isEqualTo(NOT_INTEGER);
            c.call("SET", "in:max", "9223372036854775807");
            assertThat(c.call("INCR", "in:max")).isEqualTo(new RespClient.Error("ERR increment or decrement would overflow"));
            c.call("SET", "in:min", "-9223372036854775808");
            assertThat(c.call("DECR", "in:min")).isEqualTo(new RespClient.Error("ERR increment or decrement would overflow"));
            assertThat(c.call("DECRBY", "in:k", "-9223372036854775808"))
                    .isEqualTo(new RespClient.Error("ERR decrement would overflow"));
            for (String bad : List.of("abc", " 1", "+1", "01", "1 ", "")) {
                c.call("SET", "in:bad", bad);
                assertThat(c.call("INCR", "in:bad")).as(bad).isEqualTo(NOT_INTEGER);
            }
            c.call("SET", "in:ttl", "1", "EX", "100");
            assertThat(c.call("INCR", "in:ttl")).isEqualTo(2L);
            assertThat(c.call("TTL", "in:ttl")).isEqualTo(100L);
        }
    }

    @Test
    void incrbyfloatUsesRedisLongDoubleArithmetic() {
        try (RespClient c = node.client()) {
            assertThat(c.call("INCRBYFLOAT", "fl:k", "10.5")).isEqualTo("10.5");
            assertThat(c.call("INCRBYFLOAT", "fl:k", "0.1")).isEqualTo("10.6");
            assertThat(c.call("INCRBYFLOAT", "fl:k", "-5")).isEqualTo("5.6");
            // What x87 long double arithmetic gives, as Redis answers it.
            assertThat(c.call("INCRBYFLOAT", "fl:k", "1.5e3")).isEqualTo("1505.59999999999999998");
            assertThat(c.call("INCRBYFLOAT", "fl:int", "3")).isEqualTo("3");
            assertThat(c.call("OBJECT", "ENCODING", "fl:int")).isEqualTo("embstr");
            assertThat(c.call("INCRBYFLOAT", "fl:k", "abc")).isEqualTo(NOT_FLOAT);
            assertThat(c.call("INCRBYFLOAT", "fl:k", "nan")).isEqualTo(NOT_FLOAT);
            assertThat(c.call("INCRBYFLOAT", "fl:k", "inf"))
                    .isEqualTo(new RespClient.Error("ERR increment would produce NaN or Infinity"));
            assertThat(c.call("INCRBYFLOAT", "fl:k", "1e-1000000000")).isEqualTo(NOT_FLOAT);
            c.call("SET", "fl:text", "abc");
            assertThat(c.call("INCRBYFLOAT", "fl:text", "1")).isEqualTo(NOT_FLOAT);
            c.call("SET", "fl:ttl", "1", "EX", "100");
            assertThat(c.call("INCRBYFLOAT", "fl:ttl", "0.5")).isEqualTo("1.5");
            assertThat(c.call("TTL", "fl:ttl")).isEqualTo(100L);
            c.call("SET", "fl:zero", "0.1");
            assertThat(c.call("INCRBYFLOAT", "fl:zero", "-0.1")).isEqualTo("0");
        }
    }

    @Test
    void incrbyfloatRepliesWithABulkStringInResp3() {
        try (RespClient c = node.client()) {
            c.call("HELLO", "3");
            assertThat(c.call("INCRBYFLOAT", "fl3:k", "2.5")).isEqualTo("2.5");
            assertThat(c.call("GET", "fl3:missing")).isNull();
        }
    }

    @Test
    void appendAndStrlen() {
        try (RespClient c = node.client()) {
            assertThat(c.call("APPEND", "ap:k", "Hello")).isEqualTo(5L);
            assertThat(c.call("APPEND", "ap:k", " World")).isEqualTo(11L);
            assertThat(c.call("GET", "ap:k")).isEqualTo("Hello World");
            assertThat(c.call("STRLEN", "ap:k")).isEqualTo(11L);
            assertThat(c.call("STRLEN", "ap:missing")).isEqualTo(0L);
            c.call("SET", "ap:num", "12");
            assertThat(c.call("OBJECT", "ENCODING", "ap:num")).isEqualTo("int");
            assertThat(c.call("APPEND", "ap:num", "3")).isEqualTo(3L);
            assertThat(c.call("OBJECT", "ENCODING", "ap:num")).isEqualTo("raw");
            assertThat(c.call("INCR", "ap:num")).isEqualTo(124L);
            assertThat(c.call("OBJECT", "ENCODING", "ap:num")).isEqualTo("int");
        }
    }

    @Test
    void getrangeHandlesNegativeAndOutOfRangeOffsets() {
        try (RespClient c = node.client()) {
            c.call("SET", "gr:k", "This is a string");
            assertThat(c.call("GETRANGE", "gr:k", "0", "3")).isEqualTo("This");
            assertThat(c.call("GETRANGE", "gr:k", "-3", "-1")).isEqualTo("ing");
            assertThat(c.call("GETRANGE", "gr:k", "0", "-1")).isEqualTo("This is a string");
            assertThat(c.call("GETRANGE", "gr:k", "10", "100")).isEqualTo("string");
            assertThat(c.call("GETRANGE", "gr:k", "5", "3")).isEqualTo("");
            assertThat(c.call("GETRANGE", "gr:k", "-1", "-5")).isEqualTo("");
            assertThat(c.call("GETRANGE", "gr:k", "-100", "1")).isEqualTo("Th");
            assertThat(c.call("GETRANGE", "gr:missing", "0", "-1")).isEqualTo("");
            assertThat(c.call("GETRANGE", "gr:k", "a", "1")).isEqualTo(NOT_INTEGER);
            assertThat(c.call("SUBSTR", "gr:k", "0", "3")).isEqualTo("This");
        }
    }

    @Test
    void setrangePadsWithZeroBytesAndChecksTheSizeLimit() {
        try (RespClient c = node.client()) {
            assertThat(c.call("SETRANGE", "sr:k", "3", "ab")).isEqualTo(5L);
            assertThat(c.call("GET", "sr:k")).isEqualTo("\0\0\0ab");
            assertThat(c.call("SETRANGE", "sr:k", "0", "X")).isEqualTo(5L);
            assertThat(c.call("GET", "sr:k")).isEqualTo("X\0\0ab");
            assertThat(c.call("SETRANGE", "sr:k", "100", "")).isEqualTo(5L);
            assertThat(c.call("SETRANGE", "sr:missing", "100", "")).isEqualTo(0L);
            assertThat(c.call("EXISTS", "sr:missing")).isEqualTo(0L);
            assertThat(c.call("SETRANGE", "sr:k", "-1", "x")).isEqualTo(new RespClient.Error("ERR offset is out of range"));
            assertThat(c.call("SETRANGE", "sr:k", "536870912", "x"))
                    .isEqualTo(new RespClient.Error("ERR string exceeds maximum allowed size (proto-max-bulk-len)"));
            assertThat(c.call("OBJECT", "ENCODING", "sr:k")).isEqualTo("raw");
        }
    }

    @Test
    void stringEncodingsFollowRedis() {
        try (RespClient c = node.client()) {
            c.call("SET", "enc:int", "-12345");
            c.call("SET", "enc:embstr", "a".repeat(44));
            c.call("SET", "enc:raw", "a".repeat(45));
            c.call("SET", "enc:notint", "007");
            assertThat(c.call("OBJECT", "ENCODING", "enc:int")).isEqualTo("int");
            assertThat(c.call("OBJECT", "ENCODING", "enc:embstr")).isEqualTo("embstr");
            assertThat(c.call("OBJECT", "ENCODING", "enc:raw")).isEqualTo("raw");
            assertThat(c.call("OBJECT", "ENCODING", "enc:notint")).isEqualTo("embstr");
            assertThat(c.call("COPY", "enc:raw", "enc:raw2")).isEqualTo(1L);
            assertThat(c.call("OBJECT", "ENCODING", "enc:raw2")).isEqualTo("raw");
        }
    }
}
