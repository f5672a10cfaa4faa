package io.replicatedstore.datanode.persist.rdb;

import io.replicatedstore.datanode.store.Bytes;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The writer's byte sink: buffers, checksums everything written (the trailer excepted) and
 * knows RDB's primitive encodings (lengths, strings, little-endian numbers). It never closes the
 * underlying stream: that is the caller's.
 */
final class RdbOutput {

    private static final int BUFFER_SIZE = 64 * 1024;
    /** Under this Redis does not even try LZF ("unable to compress even aaaaaaaaaaaaaaaaaa"). */
    private static final int MIN_COMPRESS_LENGTH = 21;

    private final OutputStream out;
    private final boolean compression;
    private final Crc64 crc = new Crc64();
    private final byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private long flushed;
    private byte[] scratch = new byte[0];
    private Lzf.Compressor lzf;

    RdbOutput(OutputStream out, boolean compression) {
        this.out = out;
        this.compression = compression;
    }

    /** Bytes written so far, buffered ones included. */
    long position() {
        return flushed + pos;
    }

    void writeByte(int b) throws IOException {
        if (pos == buf.length) {
            drain();
        }
        buf[pos++] = (byte) b;
    }

    void write(byte[] b, int off, int len) throws IOException {
        if (len <= buf.length - pos) {
            System.arraycopy(b, off, buf, pos, len);
            pos += len;
            return;
        }
        drain();
        if (len >= buf.length) {
            // Big payloads go straight through (checksummed on the way) instead of via the buffer.
            crc.update(b, off, len);
            out.write(b, off, len);
            flushed += len;
        } else {
            System.arraycopy(b, off, buf, pos, len);
            pos += len;
        }
    }

    void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    /** An unsigned length: 6-bit, 14-bit, 32-bit or 64-bit form, the shortest that fits. */
    void writeLength(long len) throws IOException {
        if (len < 0) {
            throw new IllegalArgumentException("negative length " + len);
        }
        if (len < 1 << 6) {
            writeByte((int) len | (RdbConstants.LEN_6BIT << 6));
        } else if (len < 1 << 14) {
            writeByte((int) (len >>> 8) | (RdbConstants.LEN_14BIT << 6));
            writeByte((int) len);
        } else if (len <= 0xffffffffL) {
            writeByte(RdbConstants.LEN_32BIT);
            writeIntBE((int) len);
        } else {
            writeByte(RdbConstants.LEN_64BIT);
            writeIntBE((int) (len >>> 32));
            writeIntBE((int) len);
        }
    }

    /** An unsigned 64-bit length (stream ids and counters; -1 is 2^64-1), as rdbSaveLen writes a uint64_t. */
    void writeUnsignedLength(long len) throws IOException {
        if (len < 0) {
            writeByte(RdbConstants.LEN_64BIT);
            writeIntBE((int) (len >>> 32));
            writeIntBE((int) len);
            return;
        }
        writeLength(len);
    }

    private void writeIntBE(int v) throws IOException {
        writeByte(v >>> 24);
        writeByte(v >>> 16);
        writeByte(v >>> 8);
        writeByte(v);
    }

    void writeLongLE(long v) throws IOException {
        for (int i = 0; i < 8; i++) {
            writeByte((int) (v >>> (8 * i)));
        }
    }

    void writeDoubleLE(double v) throws IOException {
        writeLongLE(Double.doubleToRawLongBits(v));
    }

    void writeString(byte[] s) throws IOException {
        writeString(s, 0, s.length);
    }

    /**
     * A string as Redis's rdbSaveRawString stores it: as an 8/16/32-bit integer when it is the
     * canonical form of one, LZF-compressed when compression is on, it is over 20 bytes and
     * that saves at least 4 bytes, else as length + bytes.
     */
    void writeString(byte[] s, int off, int len) throws IOException {
        if (len <= 11 && writeIntegerEncoded(s, off, len)) {
            return;
        }
        if (compression && len >= MIN_COMPRESS_LENGTH && writeCompressed(s, off, len)) {
            return;
        }
        writeLength(len);
        write(s, off, len);
    }

    private boolean writeIntegerEncoded(byte[] s, int off, int len) throws IOException {
        if (len == 0 || (s[off] != '-' && (s[off] < '0' || s[off] > '9'))) {
            return false;
        }
        byte[] text = off == 0 && len == s.length ? s : Arrays.copyOfRange(s, off, off + len);
        if (!Bytes.isCanonicalLong(text)) {
            return false;
        }
        long v = Bytes.canonicalLongValue(text);
        int enc = RdbConstants.LEN_ENCVAL << 6;
        if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            writeByte(enc | RdbConstants.ENC_INT8);
            writeByte((int) v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            writeByte(enc | RdbConstants.ENC_INT16);
            writeByte((int) v);
            writeByte((int) (v >>> 8));
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            writeByte(enc | RdbConstants.ENC_INT32);
            for (int i = 0; i < 4; i++) {
                writeByte((int) (v >>> (8 * i)));
            }
        } else {
            return false;
        }
        return true;
    }

    private boolean writeCompressed(byte[] s, int off, int len) throws IOException {
        int limit = len - 4; // Redis wants at least four bytes saved
        byte[] target = limit <= BUFFER_SIZE ? scratch(limit) : new byte[limit];
        if (lzf == null) {
            lzf = new Lzf.Compressor();
        }
        int clen = lzf.compress(s, off, len, target, 0, limit);
        if (clen == 0) {
            return false;
        }
        writeByte((RdbConstants.LEN_ENCVAL << 6) | RdbConstants.ENC_LZF);
        writeLength(clen);
        writeLength(len);
        write(target, 0, clen);
        return true;
    }

    private byte[] scratch(int size) {
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, Math.min(BUFFER_SIZE, scratch.length * 2))];
        }
        return scratch;
    }

    /** Hands everything buffered to the stream (its bytes count in the CRC), without a trailer. */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Writes the trailer: the CRC-64 of everything so far, or zeros, little endian; flushes. */
    void finish(boolean checksum) throws IOException {
        drain();
        long value = checksum ? crc.value() : 0;
        byte[] trailer = new byte[8];
        for (int i = 0; i < 8; i++) {
            trailer[i] = (byte) (value >>> (8 * i));
        }
        out.write(trailer);
        flushed += 8;
        out.flush();
    }

    private void drain() throws IOException {
        if (pos > 0) {
            crc.update(buf, 0, pos);
            out.write(buf, 0, pos);
            flushed += pos;
            pos = 0;
        }
    }
}
