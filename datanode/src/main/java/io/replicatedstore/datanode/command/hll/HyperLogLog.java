package io.replicatedstore.datanode.command.hll;

import java.util.Arrays;

/**
 * A HyperLogLog in Redis's string format, byte for byte, so GET, DUMP, RDB files and replication
 * carry the same bytes as a redis-server's. The layout (from Redis's documentation of it):
 *
 * <pre>
 * "HYLL" | encoding (0 dense, 1 sparse) | 3 zero bytes | cached cardinality, 8 bytes little
 * endian, the top bit set when stale | registers
 * </pre>
 *
 * Dense: 16384 registers of 6 bits, packed from the low bits of each byte up. Sparse: a run of
 * opcodes, ZERO {@code 00xxxxxx} (1-64 zero registers), XZERO {@code 01xxxxxx yyyyyyyy} (1-16384
 * zero registers), VAL {@code 1vvvvvxx} (1-4 registers of value 1-32). A sparse HLL turns dense
 * when a register needs more than 32 or it would grow past hll-sparse-max-bytes.
 *
 * <p>The sparse update rewrites one opcode into at most three and then merges neighbouring equal
 * VAL opcodes within a window of five, exactly where Redis does, so that the same additions in the
 * same order leave the same bytes. An instance wraps the string being changed: sparse changes may
 * replace the array ({@link #bytes()}); dense ones change it in place.
 */
public final class HyperLogLog {

    public static final int HEADER = 16;
    public static final int REGISTERS = 16384;
    public static final int DENSE_SIZE = HEADER + REGISTERS * 6 / 8;
    static final int P = 14;
    static final int Q = 64 - P;
    static final int DENSE = 0;
    static final int SPARSE = 1;
    private static final long SEED = 0xadc83b19L;
    private static final double ALPHA_INF = 0.721347520444481703680;

    private static final int VAL_MAX_VALUE = 32;
    private static final int VAL_MAX_LEN = 4;
    private static final int ZERO_MAX_LEN = 64;
    private static final int XZERO_MAX_LEN = 16384;

    /** The value; for a sparse HLL, only its first {@code length} bytes count. */
    private byte[] buf;
    private int length;

    public HyperLogLog(byte[] value) {
        this.buf = value;
        this.length = value.length;
    }

    /** An empty HLL as PFADD creates it: sparse, one XZERO covering every register, cache 0. */
    public static byte[] empty() {
        byte[] value = new byte[HEADER + 2];
        header(value, SPARSE);
        value[HEADER] = (byte) (0x40 | ((XZERO_MAX_LEN - 1) >> 8));
        value[HEADER + 1] = (byte) ((XZERO_MAX_LEN - 1) & 0xff);
        return value;
    }

    private static void header(byte[] value, int encoding) {
        value[0] = 'H';
        value[1] = 'Y';
        value[2] = 'L';
        value[3] = 'L';
        value[4] = (byte) encoding;
    }

    /** Whether a string looks like an HLL (Redis's isHLLObjectOrReply): header, encoding, dense size. */
    public static boolean isValid(byte[] value) {
        if (value.length < HEADER || value[0] != 'H' || value[1] != 'Y' || value[2] != 'L' || value[3] != 'L') {
            return false;
        }
        int encoding = value[4] & 0xff;
        return encoding == SPARSE || encoding == DENSE && value.length == DENSE_SIZE;
    }

    /** The value as it now is (a new array when a sparse change resized it). */
    public byte[] bytes() {
        return length == buf.length ? buf : Arrays.copyOf(buf, length);
    }

    public boolean isSparse() {
        return buf[4] == SPARSE;
    }

    // Cached cardinality

    public boolean cacheValid() {
        return (buf[15] & 0x80) == 0;
    }

    public long cachedCardinality() {
        long card = 0;
        for (int i = 7; i >= 0; i--) {
            card = card << 8 | (buf[8 + i] & 0xff);
        }
        return card;
    }

    public void cacheCardinality(long card) {
        for (int i = 0; i < 8; i++) {
            buf[8 + i] = (byte) (card >>> (8 * i));
        }
    }

    public void invalidateCache() {
        buf[15] |= (byte) 0x80;
    }

    // Adding

    /** The register an element goes to (low 14 bits of its hash) and its run length of zeros + 1. */
    static long registerAndCount(byte[] element) {
        long hash = MurmurHash64A.hash(element, SEED);
        int index = (int) (hash & (REGISTERS - 1));
        long rest = (hash >>> P) | (1L << Q);
        int count = Long.numberOfTrailingZeros(rest) + 1;
        return (long) index << 32 | count;
    }

    /** Adds an element: 1 if a register changed, 0 if not, -1 if the sparse form is corrupt. */
    public int add(byte[] element, long sparseMaxBytes) {
        long rc = registerAndCount(element);
        return set((int) (rc >>> 32), (int) rc, sparseMaxBytes);
    }

    /** Raises a register to {@code count}: 1 if it changed, 0 if not, -1 on a corrupt sparse form. */
    public int set(int index, int count, long sparseMaxBytes) {
        if (buf[4] == DENSE) {
            return denseSet(buf, index, count) ? 1 : 0;
        }
        return sparseSet(index, count, sparseMaxBytes);
    }

    // Dense registers

    static int denseGet(byte[] hll, int register) {
        int bit = register * 6;
        int at = HEADER + (bit >> 3);
        int shift = bit & 7;
        int value = (hll[at] & 0xff) >> shift;
        if (shift > 2) {
            value |= (hll[at + 1] & 0xff) << (8 - shift);
        }
        return value & 63;
    }

    static void denseWrite(byte[] hll, int register, int value) {
        int bit = register * 6;
        int at = HEADER + (bit >> 3);
        int shift = bit & 7;
        hll[at] = (byte) ((hll[at] & ~(63 << shift)) | (value << shift));
        if (shift > 2) {
            int high = 8 - shift;
            hll[at + 1] = (byte) ((hll[at + 1] & ~(63 >> high)) | (value >> high));
        }
    }

    private static boolean denseSet(byte[] hll, int register, int count) {
        if (count > denseGet(hll, register)) {
            denseWrite(hll, register, count);
            return true;
        }
        return false;
    }

    // Sparse opcodes

    private static boolean isZero(int op) {
        return (op & 0xc0) == 0;
    }

    private static boolean isXZero(int op) {
        return (op & 0xc0) == 0x40;
    }

    private static boolean isVal(int op) {
        return (op & 0x80) != 0;
    }

    /** The opcode byte at {@code at}; 0 past the end, as a truncated XZERO reads in Redis. */
    private int op(int at) {
        return at < length ? buf[at] & 0xff : 0;
    }

    /** Registers covered by the opcode at {@code at}. */
    private int span(int at) {
        int op = op(at);
        if (isZero(op)) {
            return (op & 0x3f) + 1;
        } else if (isXZero(op)) {
            return ((op & 0x3f) << 8 | op(at + 1)) + 1;
        }
        return (op & 3) + 1;
    }

    private static int valValue(int op) {
        return ((op >> 2) & 0x1f) + 1;
    }

    private static byte val(int value, int len) {
        return (byte) (0x80 | (value - 1) << 2 | (len - 1));
    }

    /** Appends a ZERO or, for more than 64 registers, an XZERO opcode; answers the new end. */
    private static int zeros(byte[] out, int at, int len) {
        if (len > ZERO_MAX_LEN) {
            out[at] = (byte) (0x40 | ((len - 1) >> 8));
            out[at + 1] = (byte) ((len - 1) & 0xff);
            return at + 2;
        }
        out[at] = (byte) (len - 1);
        return at + 1;
    }

    private int sparseSet(int index, int count, long sparseMaxBytes) {
        if (count > VAL_MAX_VALUE) {
            return promote(index, count);
        }
        // Find the opcode covering the register.
        int at = HEADER;
        int previous = -1;
        int first = 0;
        int span = 0;
        while (at < length) {
            span = span(at);
            if (index <= first + span - 1) {
                break;
            }
            previous = at;
            at += isXZero(op(at)) ? 2 : 1;
            first += span;
        }
        if (span == 0 || at >= length) {
            return -1;
        }
        int op = op(at);
        int runLength = span;
        if (isVal(op)) {
            if (valValue(op) >= count) {
                return 0;
            }
            if (runLength == 1) {
                buf[at] = val(count, 1);
                return merged(previous);
            }
        } else if (isZero(op) && runLength == 1) {
            buf[at] = val(count, 1);
            return merged(previous);
        }
        // Split the opcode into up to three: before, the register, after.
        byte[] seq = new byte[5];
        int n = 0;
        int last = first + span - 1;
        if (!isVal(op)) {
            if (index != first) {
                n = zeros(seq, n, index - first);
            }
            seq[n++] = val(count, 1);
            if (index != last) {
                n = zeros(seq, n, last - index);
            }
        } else {
            int current = valValue(op);
            if (index != first) {
                seq[n++] = val(current, index - first);
            }
            seq[n++] = val(count, 1);
            if (index != last) {
                seq[n++] = val(current, last - index);
            }
        }
        int oldLength = isXZero(op) ? 2 : 1;
        int delta = n - oldLength;
        if (delta > 0 && length + delta > sparseMaxBytes) {
            return promote(index, count);
        }
        if (length + delta > buf.length) {
            buf = Arrays.copyOf(buf, length + Math.max(delta, 16));
        }
        System.arraycopy(buf, at + oldLength, buf, at + n, length - at - oldLength);
        System.arraycopy(seq, 0, buf, at, n);
        length += delta;
        return merged(previous);
    }

    /** Merges adjacent VAL opcodes of one value, looking at five opcodes from the one before the change. */
    private int merged(int previous) {
        int at = previous >= 0 ? previous : HEADER;
        int window = 5;
        while (at < length && window-- > 0) {
            int op = op(at);
            if (isXZero(op)) {
                at += 2;
                continue;
            } else if (isZero(op)) {
                at++;
                continue;
            }
            if (at + 1 < length && isVal(op(at + 1))) {
                int next = op(at + 1);
                int len = (op & 3) + 1 + (next & 3) + 1;
                if (valValue(op) == valValue(next) && len <= VAL_MAX_LEN) {
                    buf[at + 1] = val(valValue(op), len);
                    System.arraycopy(buf, at + 1, buf, at, length - at - 1);
                    length--;
                    continue;
                }
            }
            at++;
        }
        invalidateCache();
        return 1;
    }

    private int promote(int index, int count) {
        if (!toDense()) {
            return -1;
        }
        denseSet(buf, index, count);
        return 1;
    }

    /** Turns a sparse HLL dense, header and cache kept; false (nothing changed) if it is corrupt. */
    public boolean toDense() {
        if (buf[4] == DENSE) {
            return true;
        }
        byte[] dense = new byte[DENSE_SIZE];
        System.arraycopy(buf, 0, dense, 0, HEADER);
        dense[4] = DENSE;
        int register = 0;
        int at = HEADER;
        while (at < length) {
            int op = op(at);
            int span = span(at);
            if (isVal(op)) {
                if (register + span > REGISTERS) {
                    break;
                }
                for (int i = 0; i < span; i++) {
                    denseWrite(dense, register++, valValue(op));
                }
                at++;
            } else {
                register += span;
                at += isXZero(op) ? 2 : 1;
            }
        }
        if (register != REGISTERS) {
            return false;
        }
        buf = dense;
        length = dense.length;
        return true;
    }

    // Reading

    /**
     * Raises {@code max} (one byte per register) to this HLL's registers; false if the sparse form
     * does not cover exactly 16384 registers.
     */
    public boolean mergeInto(byte[] max) {
        if (buf[4] == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                int value = denseGet(buf, i);
                if (value > max[i]) {
                    max[i] = (byte) value;
                }
            }
            return true;
        }
        int register = 0;
        int at = HEADER;
        while (at < length) {
            int op = op(at);
            int span = span(at);
            if (isVal(op)) {
                if (register + span > REGISTERS) {
                    break;
                }
                int value = valValue(op);
                for (int i = 0; i < span; i++, register++) {
                    if (value > max[register]) {
                        max[register] = (byte) value;
                    }
                }
                at++;
            } else {
                register += span;
                at += isXZero(op) ? 2 : 1;
            }
        }
        return register == REGISTERS;
    }

    /** The estimate, or -1 when a sparse form does not cover exactly 16384 registers. */
    public long count() {
        int[] histogram = new int[64];
        if (buf[4] == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                histogram[denseGet(buf, i)]++;
            }
        } else {
            int register = 0;
            for (int at = HEADER; at < length; at += isXZero(op(at)) ? 2 : 1) {
                int op = op(at);
                int span = span(at);
                register += span;
                histogram[isVal(op) ? valValue(op) : 0] += span;
            }
            if (register != REGISTERS) {
                return -1;
            }
        }
        return estimate(histogram);
    }

    /** The estimate of registers held one per byte (PFCOUNT of several keys). */
    public static long countRaw(byte[] registers) {
        int[] histogram = new int[64];
        for (byte register : registers) {
            histogram[register]++;
        }
        return estimate(histogram);
    }

    /**
     * Otmar Ertl's improved estimator ("New cardinality estimation algorithms for HyperLogLog
     * sketches", 2017), as Redis computes it, in the same order of floating point operations.
     */
    static long estimate(int[] histogram) {
        double m = REGISTERS;
        double z = m * tau((m - histogram[Q + 1]) / m);
        for (int j = Q; j >= 1; --j) {
            z += histogram[j];
            z *= 0.5;
        }
        z += m * sigma(histogram[0] / m);
        return Math.round(ALPHA_INF * m * m / z);
    }

    private static double sigma(double x) {
        if (x == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double previous;
        double y = 1;
        double z = x;
        do {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        } while (previous != z);
        return z;
    }

    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        double previous;
        double y = 1.0;
        double z = 1 - x;
        do {
            x = Math.sqrt(x);
            previous = z;
            y *= 0.5;
            z -= (1 - x) * (1 - x) * y;
        } while (previous != z);
        return z / 3;
    }

    // PFDEBUG

    public int register(int index) {
        return denseGet(buf, index);
    }

    /** The sparse opcodes as PFDEBUG DECODE shows them: "z:len", "Z:len", "v:value,len". */
    public String decode() {
        StringBuilder out = new StringBuilder();
        for (int at = HEADER; at < length; at += isXZero(op(at)) ? 2 : 1) {
            int op = op(at);
            if (out.length() > 0) {
                out.append(' ');
            }
            if (isZero(op)) {
                out.append("z:").append(span(at));
            } else if (isXZero(op)) {
                out.append("Z:").append(span(at));
            } else {
                out.append("v:").append(valValue(op)).append(',').append(span(at));
            }
        }
        return out.toString();
    }
}
