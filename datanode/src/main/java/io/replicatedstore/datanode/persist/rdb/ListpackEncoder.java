package io.replicatedstore.datanode.persist.rdb;

import io.replicatedstore.datanode.store.Bytes;

import java.util.Arrays;

/**
 * Builds a listpack, the blob Redis 7 stores small hashes, small sorted sets and quicklist nodes
 * in: a 6-byte header (total bytes, element count, little endian), the entries, and a 0xFF
 * terminator. Each entry is an encoding (small integers in 1-9 bytes, or a string with a 6, 12
 * or 32-bit length), then its payload, then its own size as a "backlen" for walking backwards.
 * Strings that are canonical integers are stored as integers, as lpAppend does.
 */
final class ListpackEncoder {

    static final int HEADER_SIZE = 6;
    /** The element count field saturates at 65535 (meaning "count them"). */
    private static final int NUMELE_UNKNOWN = 0xffff;

    private byte[] buf;
    private int pos = HEADER_SIZE;
    private int count;

    ListpackEncoder(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    /** Header, terminator and nothing else: the size of an empty listpack. */
    static final int EMPTY_SIZE = HEADER_SIZE + 1;

    int count() {
        return count;
    }

    /** Total size the listpack has when finished now. */
    int bytes() {
        return pos + 1;
    }

    void add(byte[] s) {
        if (Bytes.isCanonicalLong(s)) {
            addLong(Bytes.canonicalLongValue(s));
        } else {
            addString(s);
        }
    }

    void addString(byte[] s) {
        int len = s.length;
        int encLen = stringEncodedSize(len);
        ensure(encLen + 5);
        if (len < 64) {
            buf[pos++] = (byte) (0x80 | len);
        } else if (len < 4096) {
            buf[pos++] = (byte) (0xE0 | (len >>> 8));
            buf[pos++] = (byte) len;
        } else {
            buf[pos++] = (byte) 0xF0;
            putIntLE(len);
        }
        System.arraycopy(s, 0, buf, pos, len);
        pos += len;
        writeBacklen(encLen);
        count++;
    }

    void addLong(long v) {
        ensure(9 + 1);
        int start = pos;
        if (v >= 0 && v <= 127) {
            buf[pos++] = (byte) v;
        } else if (v >= -4096 && v <= 4095) {
            long u = v & 0x1fff; // 13-bit two's complement
            buf[pos++] = (byte) (0xC0 | (u >>> 8));
            buf[pos++] = (byte) u;
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            buf[pos++] = (byte) 0xF1;
            putLE(v, 2);
        } else if (v >= -(1 << 23) && v < (1 << 23)) {
            buf[pos++] = (byte) 0xF2;
            putLE(v, 3);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            buf[pos++] = (byte) 0xF3;
            putLE(v, 4);
        } else {
            buf[pos++] = (byte) 0xF4;
            putLE(v, 8);
        }
        writeBacklen(pos - start);
        count++;
    }

    /** Writes header and terminator; the listpack is {@code buffer()[0, result)}. */
    int finish() {
        ensure(1);
        buf[pos] = (byte) 0xFF;
        int total = pos + 1;
        buf[0] = (byte) total;
        buf[1] = (byte) (total >>> 8);
        buf[2] = (byte) (total >>> 16);
        buf[3] = (byte) (total >>> 24);
        int n = Math.min(count, NUMELE_UNKNOWN);
        buf[4] = (byte) n;
        buf[5] = (byte) (n >>> 8);
        return total;
    }

    byte[] buffer() {
        return buf;
    }

    /** A finished copy, for tests and small callers. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, finish());
    }

    /** Bytes an element takes in a listpack (encoding, payload, backlen), as {@link #add} stores it. */
    static long entrySize(byte[] s) {
        long enc = Bytes.isCanonicalLong(s) ? intEncodedSize(Bytes.canonicalLongValue(s)) : stringEncodedSize(s.length);
        return enc + backlenSize(enc);
    }

    static long entrySize(long v) {
        int enc = intEncodedSize(v);
        return enc + backlenSize(enc);
    }

    private static int intEncodedSize(long v) {
        if (v >= 0 && v <= 127) {
            return 1;
        } else if (v >= -4096 && v <= 4095) {
            return 2;
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            return 3;
        } else if (v >= -(1 << 23) && v < (1 << 23)) {
            return 4;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return 5;
        }
        return 9;
    }

    private static int stringEncodedSize(int len) {
        return len < 64 ? 1 + len : len < 4096 ? 2 + len : 5 + len;
    }

    static int backlenSize(long l) {
        return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
    }

    /** The entry size, big-endian in 7-bit groups; every byte but the first has bit 7 set. */
    private void writeBacklen(long l) {
        int n = backlenSize(l);
        for (int i = n - 1; i >= 0; i--) {
            int group = (int) ((l >>> (7 * i)) & 127);
            buf[pos++] = (byte) (i == n - 1 ? group : group | 128);
        }
    }

    private void putIntLE(int v) {
        putLE(v, 4);
    }

    private void putLE(long v, int n) {
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    private void ensure(long extra) {
        long need = pos + extra + 1; // +1 keeps room for the terminator
        if (need > buf.length) {
            if (need > RdbConstants.MAX_ARRAY) {
                throw new IllegalStateException("listpack over " + RdbConstants.MAX_ARRAY + " bytes");
            }
            buf = Arrays.copyOf(buf, (int) Math.min(RdbConstants.MAX_ARRAY, Math.max(need, buf.length * 2L)));
        }
    }
}
