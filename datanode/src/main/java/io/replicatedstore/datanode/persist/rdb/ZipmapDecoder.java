package io.replicatedstore.datanode.persist.rdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a zipmap, the Redis 2.x blob for small hashes, into field, value, field, value...
 * Layout: a count byte (254 or more: "count them"), then per pair a field length, the field, a
 * value length, one "free" byte, the value and that many unused bytes; 0xFF ends it. A length
 * is one byte below 254, or 254 followed by a little-endian uint32. Validated like Redis's
 * deep check: bounds, not empty, and the count byte.
 */
final class ZipmapDecoder {

    private static final int BIGLEN = 254;
    private static final int END = 255;

    private ZipmapDecoder() {
    }

    static List<byte[]> decode(byte[] zm) throws BlobFormatException {
        int size = zm.length;
        if (size < 2) {
            throw new BlobFormatException("zipmap of " + size + " bytes is too short");
        }
        int end = size - 1;
        if ((zm[end] & 0xff) != END) {
            throw new BlobFormatException("zipmap does not end with its terminator");
        }
        List<byte[]> out = new ArrayList<>();
        int[] pos = {1};
        while ((zm[pos[0]] & 0xff) != END) {
            out.add(string(zm, pos, end, false));
            if ((zm[pos[0]] & 0xff) == END) {
                throw new BlobFormatException("zipmap field without a value");
            }
            out.add(string(zm, pos, end, true));
        }
        int count = out.size() / 2;
        if (count == 0) {
            throw new BlobFormatException("empty zipmap");
        }
        int header = zm[0] & 0xff;
        if (header < BIGLEN && header != count) {
            throw new BlobFormatException("zipmap header counts " + header + " pairs, found " + count);
        }
        return out;
    }

    /** Reads a length and its string at pos[0] (plus the free byte and padding for values). */
    private static byte[] string(byte[] zm, int[] pos, int end, boolean value) throws BlobFormatException {
        int p = pos[0];
        long len;
        int b = zm[p] & 0xff;
        if (b < BIGLEN) {
            len = b;
            p += 1;
        } else if (b == BIGLEN) {
            if (5 > end - p) {
                throw new BlobFormatException("zipmap length passes the end");
            }
            len = (zm[p + 1] & 0xffL) | (zm[p + 2] & 0xffL) << 8 | (zm[p + 3] & 0xffL) << 16 | (zm[p + 4] & 0xffL) << 24;
            p += 5;
        } else {
            throw new BlobFormatException("unexpected zipmap terminator");
        }
        int free = 0;
        if (value) {
            if (p >= end) {
                throw new BlobFormatException("zipmap value passes the end");
            }
            free = zm[p++] & 0xff;
        }
        if (len + free > end - p) {
            throw new BlobFormatException("zipmap entry passes the end");
        }
        byte[] s = Arrays.copyOfRange(zm, p, p + (int) len);
        pos[0] = p + (int) len + free;
        return s;
    }
}
