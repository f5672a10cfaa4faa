package io.replicatedstore.datanode.persist.rdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a ziplist, the pre-7.0 blob for small lists, hashes and sorted sets, into its elements
 * (integers as decimal text). Layout: zlbytes (uint32), zltail (uint32, offset of the last
 * entry), zllen (uint16, saturating at 65535), entries, 0xFF. An entry is prevlen (1 byte, or
 * 0xFE + uint32), an encoding, and the payload:
 * <ul>
 *   <li>{@code 00pppppp}, {@code 01pppppp qqqqqqqq}, {@code 10______} + 4 bytes: strings with
 *       6-bit, 14-bit or 32-bit length (the multi-byte lengths big endian);</li>
 *   <li>0xC0 int16, 0xD0 int32, 0xE0 int64, 0xF0 int24, 0xFE int8 (little endian);</li>
 *   <li>0xF1..0xFD: the integers 0..12 with no payload.</li>
 * </ul>
 * Validated as Redis's deep check does: sizes, bounds, each prevlen, zltail, and the count.
 */
final class ZiplistDecoder {

    private static final int HEADER_SIZE = 10;
    private static final int LEN_UNKNOWN = 0xffff;

    private ZiplistDecoder() {
    }

    static List<byte[]> decode(byte[] zl) throws BlobFormatException {
        int size = zl.length;
        if (size < HEADER_SIZE + 1) {
            throw new BlobFormatException("ziplist of " + size + " bytes is shorter than its header");
        }
        long bytes = u32(zl, 0);
        if (bytes != size) {
            throw new BlobFormatException("ziplist header says " + bytes + " bytes, blob has " + size);
        }
        int end = size - 1;
        if ((zl[end] & 0xff) != 0xFF) {
            throw new BlobFormatException("ziplist does not end with its terminator");
        }
        long tail = u32(zl, 4);
        if (tail > end) {
            throw new BlobFormatException("ziplist tail offset " + tail + " is outside the ziplist");
        }
        int header = (zl[8] & 0xff) | ((zl[9] & 0xff) << 8);
        List<byte[]> out = new ArrayList<>(Math.min(header, 1024));
        int p = HEADER_SIZE;
        long prevSize = 0;
        int last = -1;
        while ((zl[p] & 0xff) != 0xFF) {
            int start = p;
            long prevlen;
            if ((zl[p] & 0xff) < 254) {
                prevlen = zl[p] & 0xff;
                p += 1;
            } else {
                need(p, 5, end);
                prevlen = u32(zl, p + 1);
                p += 5;
            }
            if (prevlen != prevSize) {
                throw new BlobFormatException("ziplist entry says the previous one has " + prevlen
                        + " bytes, it has " + prevSize);
            }
            need(p, 1, end);
            int e = zl[p] & 0xff;
            byte[] value;
            switch (e >>> 6) {
                case 0 -> {
                    value = slice(zl, p + 1, e & 0x3f, end);
                    p += 1 + value.length;
                }
                case 1 -> {
                    need(p, 2, end);
                    int len = ((e & 0x3f) << 8) | (zl[p + 1] & 0xff);
                    value = slice(zl, p + 2, len, end);
                    p += 2 + len;
                }
                case 2 -> {
                    need(p, 5, end);
                    long len = (zl[p + 1] & 0xffL) << 24 | (zl[p + 2] & 0xffL) << 16
                            | (zl[p + 3] & 0xffL) << 8 | (zl[p + 4] & 0xffL);
                    if (len > end - p - 5) {
                        throw new BlobFormatException("ziplist string of " + len + " bytes passes the end");
                    }
                    value = Arrays.copyOfRange(zl, p + 5, p + 5 + (int) len);
                    p += 5 + (int) len;
                }
                default -> {
                    int width = switch (e) {
                        case 0xC0 -> 2;
                        case 0xD0 -> 4;
                        case 0xE0 -> 8;
                        case 0xF0 -> 3;
                        case 0xFE -> 1;
                        default -> {
                            if (e >= 0xF1 && e <= 0xFD) {
                                yield 0;
                            }
                            throw new BlobFormatException("invalid ziplist entry encoding 0x" + Integer.toHexString(e));
                        }
                    };
                    need(p, 1 + width, end);
                    long v;
                    if (width == 0) {
                        v = (e & 0x0f) - 1;
                    } else {
                        v = 0;
                        for (int i = 0; i < width; i++) {
                            v |= (zl[p + 1 + i] & 0xffL) << (8 * i);
                        }
                        int shift = 64 - 8 * width;
                        v = (v << shift) >> shift;
                    }
                    value = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
                    p += 1 + width;
                }
            }
            prevSize = p - start;
            last = start;
            out.add(value);
        }
        if (p != end) {
            throw new BlobFormatException("ziplist entries end before the terminator");
        }
        if (last >= 0 && last != tail) {
            throw new BlobFormatException("ziplist tail offset " + tail + " is not its last entry (" + last + ")");
        }
        if (header != LEN_UNKNOWN && header != out.size()) {
            throw new BlobFormatException("ziplist header counts " + header + " entries, found " + out.size());
        }
        return out;
    }

    /** Fails unless {@code n} bytes from {@code p} lie before the terminator. */
    private static void need(int p, int n, int end) throws BlobFormatException {
        if (n > end - p) {
            throw new BlobFormatException("ziplist entry passes the end of the ziplist");
        }
    }

    private static byte[] slice(byte[] zl, int from, int len, int end) throws BlobFormatException {
        if (len > end - from) {
            throw new BlobFormatException("ziplist string of " + len + " bytes passes the end");
        }
        return Arrays.copyOfRange(zl, from, from + len);
    }

    private static long u32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }
}
