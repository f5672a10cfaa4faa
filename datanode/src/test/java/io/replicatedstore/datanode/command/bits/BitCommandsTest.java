package io.replicatedstore.datanode.command.bits;

import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BitCommandsTest {

    private static final RespClient.Error SYNTAX = new RespClient.Error("ERR syntax error");
    private static final RespClient.Error BAD_OFFSET = new RespClient.Error("ERR bit offset is not an integer or out of range");
    private static final RespClient.Error WRONGTYPE =
            new RespClient.Error("WRONGTYPE Operation against a key holding the wrong kind of value");

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start();

    @Test
    void setBitGrowsTheStringAndAnswersTheOldBit() {
        try (RespClient c = node.client()) {
            assertThat(c.call("SETBIT", "sb:k", "7", "1")).isEqualTo(0L);
            assertThat(c.call("GET", "sb:k")).isEqualTo("\u0001");
            assertThat(c.call("SETBIT", "sb:k", "7", "1")).isEqualTo(1L);
            assertThat(c.call("SETBIT", "sb:k", "17", "1")).isEqualTo(0L);
            assertThat(c.call("STRLEN", "sb:k")).isEqualTo(3L);
            assertThat(c.call("GETBIT", "sb:k", "17")).isEqualTo(1L);
            assertThat(c.call("GETBIT", "sb:k", "1000")).isEqualTo(0L);
            assertThat(c.call("GETBIT", "sb:missing", "3")).isEqualTo(0L);
            assertThat(c.call("OBJECT", "ENCODING", "sb:k")).isEqualTo("raw");
            assertThat(c.call("SETBIT", "sb:k", "0", "2")).isEqualTo(new RespClient.Error("ERR bit is not an integer or out of range"));
            assertThat(c.call("SETBIT", "sb:k", "-1", "1")).isEqualTo(BAD_OFFSET);
            assertThat(c.call("SETBIT", "sb:k", "4294967296", "1")).isEqualTo(BAD_OFFSET);
            assertThat(c.call("GETBIT", "sb:k", "x")).isEqualTo(BAD_OFFSET);
        }
    }

    @Test
    void setBitOnAValueStoredBySetLeavesTheArgumentOfAnEarlierCommandAlone() {
        try (RespClient c = node.client()) {
            c.call("MULTI");
            c.call("SET", "sv:k", "a");
            c.call("SETBIT", "sv:k", "6", "1");
            c.call("GET", "sv:k");
            assertThat(c.call("EXEC")).isEqualTo(Arrays.asList("OK", 0L, "c"));
            c.call("SET", "sv:other", "a");
            assertThat(c.call("GET", "sv:other")).isEqualTo("a");
        }
    }

    @Test
    void aSetBitTheMemoryLimitCannotHoldIsRefusedWithoutChangingTheKey() {
        try (RespClient c = node.client()) {
            c.call("SET", "big:k", "x");
            c.call("CONFIG", "SET", "maxmemory", "10mb");
            try {
                assertThat(((RespClient.Error) c.call("SETBIT", "big:k", "4294967295", "1")).message()).startsWith("OOM");
                assertThat(c.call("GET", "big:k")).isEqualTo("x");
            } finally {
                c.call("CONFIG", "SET", "maxmemory", "0");
            }
        }
    }

    @Test
    void bitCountCountsBytesAndBitRanges() {
        try (RespClient c = node.client()) {
            c.call("SET", "bc:k", "foobar");
            assertThat(c.call("BITCOUNT", "bc:k")).isEqualTo(26L);
            assertThat(c.call("BITCOUNT", "bc:k", "0", "0")).isEqualTo(4L);
            assertThat(c.call("BITCOUNT", "bc:k", "1", "1")).isEqualTo(6L);
            assertThat(c.call("BITCOUNT", "bc:k", "1", "1", "BYTE")).isEqualTo(6L);
            assertThat(c.call("BITCOUNT", "bc:k", "5", "30", "BIT")).isEqualTo(17L);
            assertThat(c.call("BITCOUNT", "bc:k", "-2", "-1")).isEqualTo(7L);
            assertThat(c.call("BITCOUNT", "bc:k", "-1", "-2")).isEqualTo(0L);
            assertThat(c.call("BITCOUNT", "bc:k", "0")).isEqualTo(SYNTAX);
            assertThat(c.call("BITCOUNT", "bc:k", "0", "1", "BOTH")).isEqualTo(SYNTAX);
            assertThat(c.call("BITCOUNT", "bc:missing", "0")).isEqualTo(0L);
        }
    }

    @Test
    void bitPosFindsTheFirstSetOrClearBit() {
        try (RespClient c = node.client()) {
            c.call("SET", "bp:k", new byte[] {(byte) 0xff, (byte) 0xf0, 0});
            assertThat(c.call("BITPOS", "bp:k", "0")).isEqualTo(12L);
            assertThat(c.call("BITPOS", "bp:k", "1", "2")).isEqualTo(-1L);
            assertThat(c.call("BITPOS", "bp:k", "1", "7", "15", "BIT")).isEqualTo(7L);
            assertThat(c.call("BITPOS", "bp:k", "0", "0", "7", "BIT")).isEqualTo(-1L);
            c.call("SET", "bp:ones", new byte[] {(byte) 0xff, (byte) 0xff});
            assertThat(c.call("BITPOS", "bp:ones", "0")).isEqualTo(16L);
            assertThat(c.call("BITPOS", "bp:ones", "0", "0", "-1")).isEqualTo(-1L);
            assertThat(c.call("BITPOS", "bp:missing", "0")).isEqualTo(0L);
            assertThat(c.call("BITPOS", "bp:missing", "1")).isEqualTo(-1L);
            assertThat(c.call("BITPOS", "bp:k", "2")).isEqualTo(new RespClient.Error("ERR The bit argument must be 1 or 0."));
        }
    }

    @Test
    void bitOpCombinesStringsPaddedWithZeros() {
        try (RespClient c = node.client()) {
            c.call("SET", "bo:a", new byte[] {(byte) 0xf0, 0x0f});
            c.call("SET", "bo:b", new byte[] {(byte) 0x3c});
            assertThat(c.call("BITOP", "AND", "bo:d", "bo:a", "bo:b")).isEqualTo(2L);
            assertThat(c.callBytes("GET", "bo:d")).isEqualTo(new byte[] {0x30, 0});
            assertThat(c.call("BITOP", "or", "bo:d", "bo:a", "bo:b", "bo:none")).isEqualTo(2L);
            assertThat(c.callBytes("GET", "bo:d")).isEqualTo(new byte[] {(byte) 0xfc, 0x0f});
            assertThat(c.call("BITOP", "XOR", "bo:d", "bo:a", "bo:b")).isEqualTo(2L);
            assertThat(c.callBytes("GET", "bo:d")).isEqualTo(new byte[] {(byte) 0xcc, 0x0f});
            assertThat(c.call("BITOP", "NOT", "bo:d", "bo:a")).isEqualTo(2L);
            assertThat(c.callBytes("GET", "bo:d")).isEqualTo(new byte[] {0x0f, (byte) 0xf0});
            assertThat(c.call("BITOP", "NOT", "bo:d", "bo:a", "bo:b"))
                    .isEqualTo(new RespClient.Error("ERR BITOP NOT must be called with a single source key."));
            assertThat(c.call("BITOP", "NAND", "bo:d", "bo:a")).isEqualTo(SYNTAX);
            assertThat(c.call("BITOP", "OR", "bo:d", "bo:none")).isEqualTo(0L);
            assertThat(c.call("EXISTS", "bo:d")).isEqualTo(0L);
            c.call("RPUSH", "bo:list", "x");
            assertThat(c.call("BITOP", "OR", "bo:d", "bo:a", "bo:list")).isEqualTo(WRONGTYPE);
        }
    }

    @Test
    void bitFieldReadsWritesAndIncrementsWithEachOverflowMode() {
        try (RespClient c = node.client()) {
            assertThat(c.call("BITFIELD", "bf:k", "SET", "i8", "0", "100", "GET", "u4", "0", "INCRBY", "u2", "#3", "5"))
                    .isEqualTo(List.of(0L, 6L, 1L));
            assertThat(c.call("BITFIELD", "bf:k", "INCRBY", "i8", "0", "100")).isEqualTo(List.of(-55L));
            assertThat(c.call("BITFIELD", "bf:k", "OVERFLOW", "SAT", "INCRBY", "i8", "0", "-200")).isEqualTo(List.of(-128L));
            assertThat(c.call("BITFIELD", "bf:k", "OVERFLOW", "FAIL", "INCRBY", "i8", "0", "-1", "GET", "i8", "0"))
                    .isEqualTo(Arrays.asList(null, -128L));
            assertThat(c.call("BITFIELD", "bf:k", "SET", "u63", "8", "9223372036854775807", "GET", "i64", "8"))
                    .isEqualTo(List.of(0L, -2L));
            assertThat(c.call("BITFIELD_RO", "bf:k", "GET", "u8", "0")).isEqualTo(List.of(128L));
            assertThat(c.call("BITFIELD_RO", "bf:k", "SET", "u8", "0", "1"))
                    .isEqualTo(new RespClient.Error("ERR BITFIELD_RO only supports the GET subcommand"));
            assertThat(c.call("BITFIELD", "bf:k", "GET", "u64", "0")).isEqualTo(new RespClient.Error(
                    "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is."));
            assertThat(c.call("BITFIELD", "bf:k", "OVERFLOW", "SOMETIMES")).isEqualTo(new RespClient.Error("ERR Invalid OVERFLOW type specified"));
            assertThat(c.call("BITFIELD", "bf:k", "GET", "u8")).isEqualTo(SYNTAX);
            assertThat(c.call("BITFIELD", "bf:missing", "GET", "u8", "0")).isEqualTo(List.of(0L));
            assertThat(c.call("EXISTS", "bf:missing")).isEqualTo(0L);
        }
    }

    @Test
    void overflowArithmeticFollowsRedisForEveryMode() {
        // value, increment, bits, WRAP, SAT, FAIL
        Object[][] unsigned = {
            {250L, 10L, 8, 4L, 255L, null},
            {5L, -10L, 8, 251L, 0L, null},
            {5L, 3L, 8, 8L, 8L, 8L},
            {300L, 0L, 8, 44L, 255L, null},
        };
        for (Object[] row : unsigned) {
            long value = (Long) row[0];
            long incr = (Long) row[1];
            int bits = (Integer) row[2];
            assertThat(Overflow.WRAP.unsigned(value, incr, bits)).as("wrap %s", Arrays.toString(row)).isEqualTo(row[3]);
            assertThat(Overflow.SAT.unsigned(value, incr, bits)).as("sat %s", Arrays.toString(row)).isEqualTo(row[4]);
            assertThat(Overflow.FAIL.unsigned(value, incr, bits)).as("fail %s", Arrays.toString(row)).isEqualTo(row[5]);
        }
        Object[][] signed = {
            {120L, 10L, 8, -126L, 127L, null},
            {-120L, -10L, 8, 126L, -128L, null},
            {Long.MAX_VALUE, 1L, 64, Long.MIN_VALUE, Long.MAX_VALUE, null},
            {200L, 0L, 8, -56L, 127L, null},
            {-2L, 1L, 2, -1L, -1L, -1L},
            {1L, 1L, 2, -2L, 1L, null},
        };
        for (Object[] row : signed) {
            long value = (Long) row[0];
            long incr = (Long) row[1];
            int bits = (Integer) row[2];
            assertThat(Overflow.WRAP.signed(value, incr, bits)).as("wrap %s", Arrays.toString(row)).isEqualTo(row[3]);
            assertThat(Overflow.SAT.signed(value, incr, bits)).as("sat %s", Arrays.toString(row)).isEqualTo(row[4]);
            assertThat(Overflow.FAIL.signed(value, incr, bits)).as("fail %s", Arrays.toString(row)).isEqualTo(row[5]);
        }
    }
}
