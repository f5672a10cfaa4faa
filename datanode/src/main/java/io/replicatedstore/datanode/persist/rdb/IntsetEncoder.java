package io.replicatedstore.datanode.persist.rdb;

import java.util.Arrays;

/**
 * Builds an intset, the blob of a small all-integer set: element width in bytes (2, 4 or 8) and
 * element count as little-endian uint32s, then the elements ascending, each little endian at
 * that width. The width is the smallest that holds every element, as Redis keeps it.
 */
final class IntsetEncoder {

    static final int HEADER_SIZE = 8;

    private IntsetEncoder() {
    }

    /** Encodes distinct values (sorted here). */
    static byte[] encode(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int width = 2;
        if (sorted.length > 0) {
            width = Math.max(width(sorted[0]), width(sorted[sorted.length - 1]));
        }
        long size = HEADER_SIZE + (long) width * sorted.length;
        if (size > RdbConstants.MAX_ARRAY) {
            throw new IllegalArgumentException("intset of " + sorted.length + " elements is too large");
        }
        byte[] out = new byte[(int) size];
        putLE(out, 0, width, 4);
        putLE(out, 4, sorted.length, 4);
        int pos = HEADER_SIZE;
        for (int i = 0; i < sorted.length; i++) {
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("duplicate intset element " + sorted[i]);
            }
            putLE(out, pos, sorted[i], width);
            pos += width;
        }
        return out;
    }

    static int width(long v) {
        if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            return 2;
        }
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? 4 : 8;
    }

    private static void putLE(byte[] b, int off, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
