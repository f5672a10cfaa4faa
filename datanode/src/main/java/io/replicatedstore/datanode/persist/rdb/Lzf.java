package io.replicatedstore.datanode.persist.rdb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * LZF, the compression RDB files use for strings (liblzf's stream format, no header). A stream
 * is a sequence of
 * <ul>
 *   <li>literal runs: a control byte {@code 000LLLLL} then L+1 bytes copied as they are;</li>
 *   <li>back references: {@code LLLooooo oooooooo} (L in 1..6), or {@code 111ooooo EEEEEEEE
 *       oooooooo} with L = 7 + E: copy L+2 bytes starting {@code o+1} bytes back in the output
 *       (which may overlap the bytes being written).</li>
 * </ul>
 * The compressor is a greedy one of our own (a hash of the next three bytes finds an earlier
 * occurrence within the 8 KB window); any conforming stream decompresses identically with
 * liblzf. The decompressor treats its input as hostile: every read and write is bounds checked
 * and a bad stream is a {@link DataFormatException}, never an index error.
 */
public final class Lzf {

    private static final int MAX_LITERAL = 32;
    private static final int MAX_OFFSET = 1 << 13;
    /** Longest back reference: 7 + 255 in the length fields, plus the implicit 2. */
    private static final int MAX_MATCH = 7 + 255 + 2;
    private static final int MAX_HASH_BITS = 14;
    /** Literals in a row before the compressor starts skipping positions: 2^SKIP_SHIFT. */
    private static final int SKIP_SHIFT = 4;
    /** Little-endian, so the lowest set bit of two words' XOR is in their first differing byte. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /**
     * Most bytes one input byte can expand to: a 3-byte long back reference writes at most 264.
     * Lets callers reject an absurd "uncompressed length" before allocating for it.
     */
    public static final int MAX_EXPANSION = (MAX_MATCH + 2) / 3;

    private Lzf() {
    }

    /**
     * Compresses {@code in[inOff, inOff+inLen)} into {@code out[outOff, outOff+outLen)}. Returns
     * the compressed length, or 0 when the result would not fit in {@code outLen} bytes (as
     * liblzf's lzf_compress does; callers pass a limit below inLen to demand a saving).
     */
    public static int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
        checkRange(in, inOff, inLen);
        checkRange(out, outOff, outLen);
        if (inLen == 0) {
            return 0;
        }
        int bits = hashBits(inLen);
        return compress(in, inOff, inLen, out, outOff, outLen, new int[1 << bits], bits, 1);
    }

    private static int hashBits(int inLen) {
        return Math.max(4, Math.min(MAX_HASH_BITS, 32 - Integer.numberOfLeadingZeros(inLen)));
    }

    /**
     * A compressor that keeps its hash table between calls (a snapshot compresses a million
     * short strings: a fresh table each time was half a KB of garbage per string). Entries of
     * earlier calls are told apart by a base that grows with every call, so the table is never
     * cleared. Same output as {@link Lzf#compress(byte[], int, int, byte[], int, int)}. Not thread safe.
     */
    public static final class Compressor {

        private final int[] table = new int[1 << MAX_HASH_BITS];
        /** Entries below this are from earlier calls. */
        private int base = 1;

        public int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
            checkRange(in, inOff, inLen);
            checkRange(out, outOff, outLen);
            if (inLen == 0) {
                return 0;
            }
            if (base > Integer.MAX_VALUE - inLen - 1) {
                Arrays.fill(table, 0);
                base = 1;
            }
            int n = Lzf.compress(in, inOff, inLen, out, outOff, outLen, table, hashBits(inLen), base - inOff);
            base += inLen;
            return n;
        }
    }

    /**
     * The compressor proper. {@code table} holds input positions plus {@code bias}: a slot whose
     * value minus the bias falls before {@code inOff} is empty (or from an earlier call).
     */
    private static int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen,
                                int[] table, int bits, int bias) {
        int ip = inOff;
        int inEnd = inOff + inLen;
        int op = outOff;
        int outEnd = outOff + outLen;
        int litStart = ip;
        int next = inLen > 2 ? first3(in, ip) : 0;
        while (ip + 2 < inEnd) {
            int v = next;
            int h = slot(v, bits);
            int ref = table[h] - bias;
            table[h] = ip + bias;
            int off = ip - ref - 1;
            // One branch, not three: whether a slot is taken is a coin toss on data that does not
            // repeat, so the bytes are compared even for an empty slot (read at a valid place).
            if ((ref >= inOff) & (off < MAX_OFFSET) & (first3(in, Math.max(ref, inOff)) == v)) {
                int len = matchLength(in, ref, ip, Math.min(MAX_MATCH, inEnd - ip));
                op = flushLiterals(in, litStart, ip, out, op, outEnd);
                if (op < 0) {
                    return 0;
                }
                int l = len - 2;
                int need = l < 7 ? 2 : 3;
                if (outEnd - op < need) {
                    return 0;
                }
                if (l < 7) {
                    out[op++] = (byte) ((l << 5) | (off >>> 8));
                } else {
                    out[op++] = (byte) ((7 << 5) | (off >>> 8));
                    out[op++] = (byte) (l - 7);
                }
                out[op++] = (byte) off;
                // Remember positions inside the match too, so later repeats of them are found.
                int stop = Math.min(ip + len, inEnd - 2);
                for (int p = ip + 1; p < stop; p++) {
                    v = roll(v, in[p + 2]);
                    table[slot(v, bits)] = p + bias;
                }
                ip += len;
                litStart = ip;
                if (ip + 2 < inEnd) {
                    next = first3(in, ip);
                }
            } else {
                // Past 16 literals in a row (2^SKIP_SHIFT), probe every second position, then
                // every third, ... (LZ4's acceleration): data that does not repeat (random
                // values) costs a fraction of a probe per byte, and a repeat still gets found
                // once it has lasted a few steps.
                int step = 1 + ((ip - litStart) >>> SKIP_SHIFT);
                ip += step;
                if (ip + 2 < inEnd) {
                    next = step == 1 ? roll(v, in[ip + 2]) : first3(in, ip);
                }
            }
        }
        op = flushLiterals(in, litStart, inEnd, out, op, outEnd);
        return op < 0 ? 0 : op - outOff;
    }

    /** Compresses a whole array, or returns null if that does not save at least one byte. */
    public static byte[] compress(byte[] in) {
        if (in.length < 2) {
            return null;
        }
        byte[] out = new byte[in.length - 1];
        int n = compress(in, 0, in.length, out, 0, out.length);
        return n == 0 ? null : Arrays.copyOf(out, n);
    }

    /**
     * How far {@code in[ref..]} and {@code in[ip..]} agree, from the 3 bytes known to match, up to
     * {@code max}: eight bytes per step while they fit, as long repeats (runs of one byte, padding)
     * made the byte loop the compressor's main cost.
     */
    private static int matchLength(byte[] in, int ref, int ip, int max) {
        int len = 3;
        while (len + Long.BYTES <= max) {
            long diff = (long) LONGS.get(in, ref + len) ^ (long) LONGS.get(in, ip + len);
            if (diff != 0) {
                return len + (Long.numberOfTrailingZeros(diff) >>> 3);
            }
            len += Long.BYTES;
        }
        while (len < max && in[ref + len] == in[ip + len]) {
            len++;
        }
        return len;
    }

    /** Writes literals {@code in[from, to)} as runs of at most 32; returns the new op, -1 if full. */
    private static int flushLiterals(byte[] in, int from, int to, byte[] out, int op, int outEnd) {
        while (from < to) {
            int run = Math.min(MAX_LITERAL, to - from);
            if (outEnd - op < run + 1) {
                return -1;
            }
            out[op++] = (byte) (run - 1);
            System.arraycopy(in, from, out, op, run);
            op += run;
            from += run;
        }
        return op;
    }

    /** The three bytes at {@code p} as one number, the first in the high bits (one load when a fourth byte follows). */
    private static int first3(byte[] b, int p) {
        if (p + Integer.BYTES <= b.length) {
            return (int) INTS.get(b, p) >>> 8;
        }
        return ((b[p] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff);
    }

    /** The three bytes one position on: drop the first, append {@code next}. */
    private static int roll(int v, byte next) {
        return ((v << 8) | (next & 0xff)) & 0xffffff;
    }

    private static int slot(int v, int bits) {
        return (v * 0x9E3779B1) >>> (32 - bits);
    }

    /**
     * Decompresses {@code in[inOff, inOff+inLen)} into exactly {@code outLen} bytes at
     * {@code out[outOff]}. Throws when the stream is malformed or does not produce exactly
     * {@code outLen} bytes.
     */
    public static void decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws DataFormatException {
        checkRange(in, inOff, inLen);
        checkRange(out, outOff, outLen);
        int ip = inOff;
        int inEnd = inOff + inLen;
        int op = outOff;
        int outEnd = outOff + outLen;
        while (ip < inEnd) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {
                int run = ctrl + 1;
                if (run > inEnd - ip) {
                    throw new DataFormatException("LZF literal run of " + run + " bytes passes the end of the input");
                }
                if (run > outEnd - op) {
                    throw new DataFormatException("LZF output longer than the expected " + outLen + " bytes");
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
            } else {
                int len = ctrl >>> 5;
                if (ip >= inEnd) {
                    throw new DataFormatException("LZF back reference cut short by the end of the input");
                }
                if (len == 7) {
                    len += in[ip++] & 0xff;
                    if (ip >= inEnd) {
                        throw new DataFormatException("LZF back reference cut short by the end of the input");
                    }
                }
                int ref = op - (((ctrl & 0x1f) << 8) | (in[ip++] & 0xff)) - 1;
                len += 2;
                if (len > outEnd - op) {
                    throw new DataFormatException("LZF output longer than the expected " + outLen + " bytes");
                }
                if (ref < outOff) {
                    throw new DataFormatException("LZF back reference before the start of the output");
                }
                if (ref + len <= op) {
                    System.arraycopy(out, ref, out, op, len);
                    op += len;
                } else {
                    // Overlapping: the pattern out[ref, op) repeats (run-length style). Copy it
                    // whole, then the doubled pattern, and so on: the copied bytes continue the
                    // period, so each copy's source is already written.
                    int end = op + len;
                    while (op < end) {
                        int n = Math.min(op - ref, end - op);
                        System.arraycopy(out, ref, out, op, n);
                        op += n;
                    }
                }
            }
        }
        if (op != outEnd) {
            throw new DataFormatException("LZF data decompressed to " + (op - outOff)
                    + " bytes, expected " + outLen);
        }
    }

    /** Decompresses a whole array into exactly {@code outLen} bytes. */
    public static byte[] decompress(byte[] in, int outLen) throws DataFormatException {
        if (outLen < 0 || (long) outLen > (long) in.length * MAX_EXPANSION) {
            throw new DataFormatException("LZF: " + in.length + " bytes cannot expand to " + outLen);
        }
        byte[] out = new byte[outLen];
        decompress(in, 0, in.length, out, 0, outLen);
        return out;
    }

    private static void checkRange(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new IndexOutOfBoundsException("off " + off + " len " + len + " length " + b.length);
        }
    }
}
