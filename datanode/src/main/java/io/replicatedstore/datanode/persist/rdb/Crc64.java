package io.replicatedstore.datanode.persist.rdb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The CRC-64 that RDB files end with: Redis's CRC-64/Jones (reflected, polynomial
 * 0xad93d23594c935a9, initial value 0, no final xor). Check value: crc64("123456789") =
 * 0xe9c6d914c4b8d9ca. Slice-by-8 tables because a snapshot checksums every byte it writes.
 *
 * <p>An instance accumulates; it is not thread safe.
 */
public final class Crc64 {

    /** The Jones polynomial bit-reversed, as a reflected (LSB-first) CRC uses it. */
    private static final long POLY_REFLECTED = Long.reverse(0xad93d23594c935a9L);
    private static final long[][] TABLES = new long[8][256];
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
            }
            TABLES[0][i] = crc;
        }
        for (int k = 1; k < 8; k++) {
            for (int i = 0; i < 256; i++) {
                long prev = TABLES[k - 1][i];
                TABLES[k][i] = (prev >>> 8) ^ TABLES[0][(int) (prev & 0xff)];
            }
        }
    }

    private long crc;

    /** Adds {@code len} bytes of {@code b} from {@code off}. */
    public Crc64 update(byte[] b, int off, int len) {
        crc = update(crc, b, off, len);
        return this;
    }

    /** Adds one byte. */
    public Crc64 update(int b) {
        crc = TABLES[0][(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
        return this;
    }

    /** The CRC of everything added so far. */
    public long value() {
        return crc;
    }

    public void reset() {
        crc = 0;
    }

    /** The CRC of a whole array. */
    public static long of(byte[] b) {
        return update(0, b, 0, b.length);
    }

    /** Continues {@code crc} over {@code len} bytes of {@code b} from {@code off}. */
    public static long update(long crc, byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new IndexOutOfBoundsException("off " + off + " len " + len + " length " + b.length);
        }
        long[] t0 = TABLES[0];
        int end = off + len;
        // Eight bytes at a time: fold them into the CRC as one little-endian word.
        while (end - off >= 8) {
            long x = crc ^ (long) LONG_LE.get(b, off);
            crc = TABLES[7][(int) (x & 0xff)]
                    ^ TABLES[6][(int) ((x >>> 8) & 0xff)]
                    ^ TABLES[5][(int) ((x >>> 16) & 0xff)]
                    ^ TABLES[4][(int) ((x >>> 24) & 0xff)]
                    ^ TABLES[3][(int) ((x >>> 32) & 0xff)]
                    ^ TABLES[2][(int) ((x >>> 40) & 0xff)]
                    ^ TABLES[1][(int) ((x >>> 48) & 0xff)]
                    ^ t0[(int) (x >>> 56)];
            off += 8;
        }
        while (off < end) {
            crc = t0[(int) ((crc ^ b[off++]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }
}
