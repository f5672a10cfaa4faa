package io.replicatedstore.datanode.persist.rdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * The reader's byte source: counts the offset, checksums what it reads, decodes RDB's
 * primitives (lengths, strings, little-endian numbers), and treats every length as hostile:
 * when the total length is known a length past the end fails at once, otherwise big payloads
 * are read in bounded chunks so memory only grows with bytes that really arrived.
 *
 * <p>It buffers what it reads: up to the known length of a file, or ahead without limit when the
 * caller says the stream holds the RDB alone; otherwise (a socket that carries more after the
 * RDB) it reads exactly what it needs, never ahead.
 */
final class RdbInput {

    /** First allocation for a payload of unknown-but-claimed size when the stream length is unknown. */
    private static final int CHUNK = 1 << 20;
    /** Shared by every empty string read: values never mutate their arrays. */
    private static final byte[] EMPTY = new byte[0];

    /** Read-ahead buffer size. */
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final long length;
    private final boolean readAhead;
    private final Crc64 crc = new Crc64();
    private final byte[] buf;
    private int pos;
    private int lim;
    /** buf[crcFrom, pos) is consumed but not yet in {@link #crc}. */
    private int crcFrom;
    /** Stream offset of buf[0]. */
    private long base;

    /** @param length total bytes the stream holds, or -1 when unknown (a socket) */
    RdbInput(InputStream in, long length) {
        this(in, length, false);
    }

    /**
     * @param readAhead the stream holds nothing after the RDB, so it may be read ahead even when
     *                  its length is unknown (with a known length it is read ahead up to that length)
     */
    RdbInput(InputStream in, long length, boolean readAhead) {
        this.in = in;
        this.length = length;
        this.readAhead = readAhead || length >= 0;
        this.buf = new byte[BUFFER];
    }

    long offset() {
        return base + pos;
    }

    long crc() {
        flushCrc();
        return crc.value();
    }

    private void flushCrc() {
        if (pos > crcFrom) {
            crc.update(buf, crcFrom, pos - crcFrom);
        }
        crcFrom = pos;
    }

    /**
     * Empties the buffer and reads at least {@code min} (at most {@link #BUFFER}) bytes into it:
     * ahead of what is asked when allowed, never past a known length, else exactly {@code min}.
     */
    private void refill(int min) throws IOException {
        flushCrc();
        base += lim;
        pos = 0;
        lim = 0;
        crcFrom = 0;
        int max = !readAhead ? min
                : length >= 0 ? (int) Math.min(BUFFER, Math.max(0, length - base)) : BUFFER;
        while (lim < min) {
            int n = max > lim ? in.read(buf, lim, max - lim) : -1;
            if (n < 0) {
                throw truncated();
            }
            lim += n;
        }
    }

    RdbFormatException error(String message) {
        return new RdbFormatException(message, offset());
    }

    RdbFormatException error(String message, long at) {
        return new RdbFormatException(message, at);
    }

    private RdbFormatException truncated() {
        return error("unexpected end of the RDB stream");
    }

    int readByte() throws IOException {
        if (pos == lim) {
            refill(1);
        }
        return buf[pos++] & 0xff;
    }

    void readFully(byte[] b, int off, int len) throws IOException {
        int n = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        off += n;
        len -= n;
        if (len == 0) {
            return;
        }
        if (len < BUFFER) {
            refill(len);
            System.arraycopy(buf, 0, b, off, len);
            pos = len;
            return;
        }
        // Big payloads go straight to their array (the buffer is empty now).
        flushCrc();
        base += lim;
        pos = 0;
        lim = 0;
        crcFrom = 0;
        while (len > 0) {
            int r = in.read(b, off, len);
            if (r < 0) {
                throw truncated();
            }
            crc.update(b, off, r);
            base += r;
            off += r;
            len -= r;
        }
    }

    /** Reads bytes that are not part of the checksum (the trailer). */
    long readTrailerLongLE() throws IOException {
        flushCrc();
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) readByte() << (8 * i);
            crcFrom = pos;
        }
        return v;
    }

    int readIntLE() throws IOException {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= readByte() << (8 * i);
        }
        return v;
    }

    long readLongLE() throws IOException {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) readByte() << (8 * i);
        }
        return v;
    }

    double readDoubleLE() throws IOException {
        return Double.longBitsToDouble(readLongLE());
    }

    /** A plain length (6, 14, 32 or 64-bit form). A special-encoding byte here is corruption. */
    long readLength() throws IOException {
        long at = offset();
        int first = readByte();
        if ((first >>> 6) == RdbConstants.LEN_ENCVAL) {
            throw error("expected a length, found string encoding byte 0x" + Integer.toHexString(first), at);
        }
        return lengthAfter(first, at);
    }

    /** A length read as Redis's uint64_t (stream ids and counters): values over 2^63 come back negative. */
    long readUnsignedLength() throws IOException {
        long at = offset();
        int first = readByte();
        if ((first >>> 6) == RdbConstants.LEN_ENCVAL) {
            throw error("expected a length, found string encoding byte 0x" + Integer.toHexString(first), at);
        }
        if (first == RdbConstants.LEN_64BIT) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | readByte();
            }
            return v;
        }
        return lengthAfter(first, at);
    }

    /** The bytes left when the stream length is known, else Long.MAX_VALUE. */
    long remaining() {
        return length >= 0 ? length - offset() : Long.MAX_VALUE;
    }

    private long lengthAfter(int first, long at) throws IOException {
        int kind = first >>> 6;
        if (kind == RdbConstants.LEN_6BIT) {
            return first & 0x3f;
        }
        if (kind == RdbConstants.LEN_14BIT) {
            return ((first & 0x3f) << 8) | readByte();
        }
        if (first == RdbConstants.LEN_32BIT) {
            long v = 0;
            for (int i = 0; i < 4; i++) {
                v = (v << 8) | readByte();
            }
            return v;
        }
        if (first == RdbConstants.LEN_64BIT) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | readByte();
            }
            if (v < 0) {
                throw error("length over 2^63", at);
            }
            return v;
        }
        throw error("unknown length encoding 0x" + Integer.toHexString(first), at);
    }

    /** A length that must fit a Java int (element counts, database ids). */
    int readIntLength(String what) throws IOException {
        long at = offset();
        long len = readLength();
        if (len > RdbConstants.MAX_ARRAY) {
            throw error(what + " of " + len + " is more than this server can hold", at);
        }
        return (int) len;
    }

    /**
     * A count of items that each take at least {@code minBytesEach} bytes: checked against the
     * bytes left when the stream length is known, so absurd counts fail before any work.
     */
    int readCount(String what, int minBytesEach) throws IOException {
        long at = offset();
        int n = readIntLength(what);
        if (length >= 0 && (long) n * minBytesEach > length - offset()) {
            throw error(what + " of " + n + " cannot fit in the " + (length - offset()) + " bytes left", at);
        }
        return n;
    }

    /**
     * A string in any of RDB's forms: length-prefixed bytes, an 8/16/32-bit integer (returned
     * as its decimal text), or LZF-compressed bytes.
     */
    byte[] readString() throws IOException {
        long at = offset();
        int first = readByte();
        if ((first >>> 6) != RdbConstants.LEN_ENCVAL) {
            return readBytes(lengthAfter(first, at), at);
        }
        switch (first & 0x3f) {
            case RdbConstants.ENC_INT8:
                return decimal((byte) readByte());
            case RdbConstants.ENC_INT16:
                return decimal((short) (readByte() | (readByte() << 8)));
            case RdbConstants.ENC_INT32:
                return decimal(readIntLE());
            case RdbConstants.ENC_LZF:
                return readLzf(at);
            default:
                throw error("unknown string encoding " + (first & 0x3f), at);
        }
    }

    private static byte[] decimal(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] readLzf(long at) throws IOException {
        long clen = readLength();
        long len = readLength();
        if (len > RdbConstants.MAX_ARRAY) {
            throw error("compressed string of " + len + " bytes is more than this server can hold", at);
        }
        if (clen == 0 || len == 0 || len > clen * Lzf.MAX_EXPANSION) {
            throw error("LZF string claims " + clen + " compressed bytes for " + len + " bytes", at);
        }
        if (length >= 0 && clen > length - offset()) {
            throw error("LZF string of " + clen + " compressed bytes passes the end of the stream", at);
        }
        byte[] out = new byte[(int) len];
        try {
            if (clen <= lim - pos) {
                // Already buffered (short strings, the common case): no copy of the compressed bytes.
                Lzf.decompress(buf, pos, (int) clen, out, 0, out.length);
                pos += (int) clen;
            } else {
                byte[] compressed = readBytes(clen, at);
                Lzf.decompress(compressed, 0, compressed.length, out, 0, out.length);
            }
        } catch (DataFormatException e) {
            throw error("invalid LZF compressed string: " + e.getMessage(), at);
        }
        return out;
    }

    /** {@code len} raw bytes of a payload that started at {@code at}. */
    byte[] readBytes(long len, long at) throws IOException {
        if (len > RdbConstants.MAX_ARRAY) {
            throw error("string of " + len + " bytes is more than this server can hold", at);
        }
        if (len == 0) {
            return EMPTY;
        }
        if (length >= 0) {
            if (len > length - offset()) {
                throw error("string of " + len + " bytes passes the end of the stream ("
                        + (length - offset()) + " bytes left)", at);
            }
            byte[] b = new byte[(int) len];
            readFully(b, 0, b.length);
            return b;
        }
        // Unknown length: grow with the data actually received, not with the claim.
        int n = (int) len;
        byte[] b = new byte[Math.min(n, CHUNK)];
        int filled = 0;
        while (filled < n) {
            if (filled == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(n, b.length * 2L));
            }
            int step = b.length - filled;
            readFully(b, filled, step);
            filled += step;
        }
        return b;
    }
}
