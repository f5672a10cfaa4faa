package io.replicatedstore.datanode.command.bits;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Pure bit arithmetic on byte arrays, in Redis's bit order: bit 0 is the most significant bit of
 * byte 0, and a bitfield is read most significant bit first (big endian across bytes).
 */
public final class Bitmaps {

    /** Eight bytes at a time, in the machine's order: a population count does not care. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private Bitmaps() {
    }

    public static int bit(byte[] value, long offset) {
        long index = offset >>> 3;
        if (index >= value.length) {
            return 0;
        }
        return (value[(int) index] >> (7 - (int) (offset & 7))) & 1;
    }

    /** Set bits in bytes [from, to] inclusive. */
    public static long count(byte[] value, int from, int to) {
        long count = 0;
        int i = from;
        for (; i + 8 <= to + 1; i += 8) {
            count += Long.bitCount((long) LONGS.get(value, i));
        }
        for (; i <= to; i++) {
            count += Integer.bitCount(value[i] & 0xff);
        }
        return count;
    }

    /**
     * The first bit equal to {@code bit} within bytes [from, from + length), relative to
     * {@code from * 8}. Like Redis's redisBitpos: looking for a 0 in all-ones bytes answers the
     * first bit past the range, looking for a 1 in all-zero bytes answers -1.
     */
    public static long position(byte[] value, int from, int length, int bit) {
        int skip = bit == 1 ? 0 : 0xff;
        for (int i = 0; i < length; i++) {
            int b = value[from + i] & 0xff;
            if (b != skip) {
                int found = bit == 1 ? Integer.numberOfLeadingZeros(b) - 24 : Integer.numberOfLeadingZeros(~b & 0xff) - 24;
                return (long) i * 8 + found;
            }
        }
        return bit == 1 ? -1 : (long) length * 8;
    }

    /** An unsigned field of {@code bits} (1..64) at bit {@code offset}; bits past the end read 0. */
    public static long getUnsigned(byte[] value, long offset, int bits) {
        long result = 0;
        for (int j = 0; j < bits; j++) {
            result = (result << 1) | bit(value, offset + j);
        }
        return result;
    }

    public static long getSigned(byte[] value, long offset, int bits) {
        long result = getUnsigned(value, offset, bits);
        if (bits < 64 && (result & (1L << (bits - 1))) != 0) {
            result |= -1L << bits;
        }
        return result;
    }

    /** Writes the low {@code bits} of {@code field}; the array must reach the last bit. */
    public static void set(byte[] value, long offset, int bits, long field) {
        for (int j = 0; j < bits; j++) {
            int b = (int) ((field >>> (bits - 1 - j)) & 1);
            long at = offset + j;
            int index = (int) (at >>> 3);
            int shift = 7 - (int) (at & 7);
            value[index] = (byte) ((value[index] & ~(1 << shift)) | (b << shift));
        }
    }
}
