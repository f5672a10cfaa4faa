package io.replicatedstore.datanode.persist.rdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a listpack (see {@link ListpackEncoder} for the layout) into its elements, integers as
 * their decimal text. Validates everything Redis's deep integrity check does: header size,
 * terminator, every entry inside the blob, each backlen equal to its entry's size, and the
 * element count (unless saturated at 65535).
 */
final class ListpackDecoder {

    private static final int NUMELE_UNKNOWN = 0xffff;

    private ListpackDecoder() {
    }

    static List<byte[]> decode(byte[] lp) throws BlobFormatException {
        int size = lp.length;
        if (size < ListpackEncoder.EMPTY_SIZE) {
            throw new BlobFormatException("listpack of " + size + " bytes is shorter than its header");
        }
        long total = u32(lp, 0);
        if (total != size) {
            throw new BlobFormatException("listpack header says " + total + " bytes, blob has " + size);
        }
        if ((lp[size - 1] & 0xff) != 0xFF) {
            throw new BlobFormatException("listpack does not end with its terminator");
        }
        int numele = (lp[4] & 0xff) | ((lp[5] & 0xff) << 8);
        List<byte[]> out = new ArrayList<>(Math.min(numele, 1024));
        int p = ListpackEncoder.HEADER_SIZE;
        int end = size - 1; // the terminator
        while (p < end) {
            int b = lp[p] & 0xff;
            long encLen; // encoding + payload
            byte[] value;
            if ((b & 0x80) == 0) {
                encLen = 1;
                value = decimal(b & 0x7f);
            } else if ((b & 0xC0) == 0x80) {
                int len = b & 0x3f;
                encLen = 1 + len;
                value = slice(lp, p + 1, len, end);
            } else if ((b & 0xE0) == 0xC0) {
                need(p, 2, end);
                long u = ((b & 0x1f) << 8) | (lp[p + 1] & 0xff);
                encLen = 2;
                value = decimal(signExtend(u, 13));
            } else if ((b & 0xF0) == 0xE0) {
                need(p, 2, end);
                int len = ((b & 0x0f) << 8) | (lp[p + 1] & 0xff);
                encLen = 2 + len;
                value = slice(lp, p + 2, len, end);
            } else if (b == 0xF0) {
                need(p, 5, end);
                long len = u32(lp, p + 1);
                if (len > end - p - 5) {
                    throw new BlobFormatException("listpack string of " + len + " bytes passes the end");
                }
                encLen = 5 + len;
                value = Arrays.copyOfRange(lp, p + 5, p + 5 + (int) len);
            } else {
                int width = switch (b) {
                    case 0xF1 -> 2;
                    case 0xF2 -> 3;
                    case 0xF3 -> 4;
                    case 0xF4 -> 8;
                    default -> throw new BlobFormatException("invalid listpack entry encoding 0x" + Integer.toHexString(b));
                };
                encLen = 1 + width;
                value = decimal(signExtend(le(lp, p + 1, width, end), 8 * width));
            }
            int backlenSize = ListpackEncoder.backlenSize(encLen);
            if (encLen + backlenSize > end - p) {
                throw new BlobFormatException("listpack entry passes the end of the listpack");
            }
            long backlen = decodeBacklen(lp, (int) (p + encLen), backlenSize);
            if (backlen != encLen) {
                throw new BlobFormatException("listpack entry size " + encLen + " but backlen says " + backlen);
            }
            out.add(value);
            p += (int) encLen + backlenSize;
        }
        if (numele != NUMELE_UNKNOWN && numele != out.size()) {
            throw new BlobFormatException("listpack header counts " + numele + " elements, found " + out.size());
        }
        return out;
    }

    /** Reads a backlen written big-endian in 7-bit groups, continuation bit on all but the first. */
    private static long decodeBacklen(byte[] lp, int start, int n) throws BlobFormatException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            int b = lp[start + i] & 0xff;
            boolean continued = (b & 0x80) != 0;
            if (continued != (i > 0)) {
                throw new BlobFormatException("malformed listpack backlen");
            }
            v = (v << 7) | (b & 0x7f);
        }
        return v;
    }

    private static void need(int p, int n, int end) throws BlobFormatException {
        if (n > end - p) {
            throw new BlobFormatException("listpack entry passes the end of the listpack");
        }
    }

    private static byte[] slice(byte[] lp, int from, int len, int end) throws BlobFormatException {
        if (len > end - from) {
            throw new BlobFormatException("listpack string of " + len + " bytes passes the end");
        }
        return Arrays.copyOfRange(lp, from, from + len);
    }

    private static long le(byte[] b, int off, int n, int end) throws BlobFormatException {
        need(off - 1, n + 1, end);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) (b[off + i] & 0xff) << (8 * i);
        }
        return v;
    }

    private static long u32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }

    private static long signExtend(long v, int bits) {
        int shift = 64 - bits;
        return (v << shift) >> shift;
    }

    private static byte[] decimal(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }
}
