package io.replicatedstore.datanode.persist.rdb;

/**
 * LZF compression that makes the bytes redis-server 7.0 makes (liblzf 3.6 as Redis builds it:
 * a 2^16-slot hash of three bytes, the "very fast" variant that hashes two positions after each
 * back reference, no match starting at the input's first byte, none reaching its last two).
 * {@link Lzf} compresses faster but differently; this one is for the function section and
 * FUNCTION DUMP, whose bytes a Redis-made payload is compared with. Written from the format's
 * description, not from liblzf's code.
 */
final class RedisLzf {

    private static final int HASH_BITS = 16;
    private static final int MAX_LITERAL = 32;
    private static final int MAX_OFFSET = 1 << 13;
    private static final int MAX_REF = (1 << 8) + (1 << 3);

    private RedisLzf() {
    }

    private static int slot(int h) {
        return ((h >>> (3 * 8 - HASH_BITS)) - h * 5) & ((1 << HASH_BITS) - 1);
    }

    /**
     * The octets that match at ref and ip: at least the three the hash found; with more than 16
     * allowed, the first 18 are compared before the limit is (liblzf's unrolled loop, which may
     * end up to two octets past {@code maxLen}: those bytes exist and do match).
     */
    private static int matchLength(byte[] in, int ref, int ip, int maxLen) {
        int len = 2;
        if (maxLen > 16) {
            for (int k = 0; k < 16; k++) {
                len++;
                if (in[ref + len] != in[ip + len]) {
                    return len;
                }
            }
        }
        do {
            len++;
        } while (len < maxLen && in[ref + len] == in[ip + len]);
        return len;
    }

    /** Compresses {@code in} into at most {@code outLen} bytes; returns the length, or 0 if it does not fit. */
    static int compress(byte[] in, byte[] out, int outLen) {
        int inLen = in.length;
        if (inLen == 0 || outLen == 0) {
            return 0;
        }
        // Slots hold position + 1; 0 is empty.
        int[] table = new int[1 << HASH_BITS];
        int ip = 0;
        int op = 1; // room for the first literal run's header
        int lit = 0;
        int h = inLen > 1 ? ((in[0] & 0xff) << 8) | (in[1] & 0xff) : 0;
        while (ip < inLen - 2) {
            h = (h << 8) | (in[ip + 2] & 0xff);
            int s = slot(h);
            int ref = table[s] - 1;
            table[s] = ip + 1;
            int off = ip - ref - 1;
            if (ref > 0 && off >= 0 && off < MAX_OFFSET
                    && in[ref + 2] == in[ip + 2] && in[ref + 1] == in[ip + 1] && in[ref] == in[ip]) {
                int maxLen = Math.min(inLen - ip - 2, MAX_REF);
                if (op + 3 + 1 >= outLen && op - (lit == 0 ? 1 : 0) + 3 + 1 >= outLen) {
                    return 0;
                }
                out[op - lit - 1] = (byte) (lit - 1); // close the literal run
                if (lit == 0) {
                    op--; // an empty run takes no header
                }
                int len = matchLength(in, ref, ip, maxLen);
                int code = len - 2;
                if (code < 7) {
                    out[op++] = (byte) ((off >>> 8) + (code << 5));
                } else {
                    out[op++] = (byte) ((off >>> 8) + (7 << 5));
                    out[op++] = (byte) (code - 7);
                }
                out[op++] = (byte) off;
                lit = 0;
                op++; // the next literal run's header
                ip += len;
                if (ip >= inLen - 2) {
                    break;
                }
                // Hash the two positions before the new one.
                ip -= 2;
                h = ((in[ip] & 0xff) << 8) | (in[ip + 1] & 0xff);
                h = (h << 8) | (in[ip + 2] & 0xff);
                table[slot(h)] = ip + 1;
                ip++;
                h = (h << 8) | (in[ip + 2] & 0xff);
                table[slot(h)] = ip + 1;
                ip++;
            } else {
                if (op >= outLen) {
                    return 0;
                }
                lit++;
                out[op++] = in[ip++];
                if (lit == MAX_LITERAL) {
                    out[op - lit - 1] = (byte) (lit - 1);
                    lit = 0;
                    op++;
                }
            }
        }
        if (op + 3 > outLen) {
            return 0;
        }
        while (ip < inLen) {
            lit++;
            out[op++] = in[ip++];
            if (lit == MAX_LITERAL) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
            }
        }
        out[op - lit - 1] = (byte) (lit - 1);
        if (lit == 0) {
            op--;
        }
        return op;
    }
}
