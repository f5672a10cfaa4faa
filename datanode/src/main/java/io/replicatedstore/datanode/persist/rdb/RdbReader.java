package io.replicatedstore.datanode.persist.rdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.replicatedstore.datanode.persist.rdb.RdbConstants.*;

/**
 * Reads an RDB stream of version 1 to 10 (Redis up to 7.0) and hands what it holds to an
 * {@link RdbSink}: AUX fields, database switches, and each key with its value and expiry. Every
 * value type and encoding Redis 7.0 can load is read (strings raw, integer or LZF; old linked
 * lists, ziplists, quicklists v1 and v2; intsets and sets; ziplist, listpack, text-score and
 * binary-score sorted sets; zipmap, ziplist, listpack and table hashes). LRU/LFU hints are read
 * and dropped; streams (types 15 and 19) are read with their consumer groups; module data is
 * refused with a clear message; function libraries go
 * to {@link RdbSink#function}.
 *
 * <p>Nothing in the stream is trusted: lengths are checked before anything is allocated for them
 * (against the bytes left when the total length is known, else by reading in bounded chunks),
 * encoded blobs are validated entry by entry, and the CRC-64 trailer is verified when it is not
 * zero. Any problem is an {@link RdbFormatException} naming the offset; a truncated stream is one
 * too. {@link #read} returns normally only when the whole stream, checksum included, was good:
 * if it throws, what the sink received must be thrown away.
 *
 * <p>With an unknown length the reader consumes exactly the RDB's bytes and no more, so a
 * replication socket can be passed directly and used afterwards (it then reads byte by byte,
 * unless told the stream holds the RDB alone). With a known length it reads ahead up to that
 * length. Single use, not thread safe.
 */
public final class RdbReader {

    private final RdbInput in;
    private final RdbObjectReader objects;
    private int version = -1;
    private int currentType = -1;
    private long keysRead;
    private long emptyKeysSkipped;
    private boolean used;

    /**
     * @param length the stream's total length in bytes when known (a file), or -1 (a socket: read
     *               until the EOF opcode and the checksum)
     * @param limits the encoding thresholds in force, so loaded values report the encoding Redis
     *               would give them
     */
    public RdbReader(InputStream in, long length, EncodingLimits limits) {
        this(in, length, limits, false);
    }

    /**
     * @param alone the stream holds nothing after the RDB, so it may be read ahead even when its
     *              length is unknown (a diskless transfer handed over by the replication link)
     */
    public RdbReader(InputStream in, long length, EncodingLimits limits, boolean alone) {
        this.in = new RdbInput(in, length, alone);
        this.objects = new RdbObjectReader(this.in, limits);
    }

    /** Reads a whole RDB file. */
    public static RdbReader readFile(Path file, EncodingLimits limits, RdbSink sink) throws IOException {
        try (InputStream stream = Files.newInputStream(file)) { // RdbInput buffers up to the file's length
            RdbReader reader = new RdbReader(stream, Files.size(file), limits);
            reader.read(sink);
            return reader;
        }
    }

    /** The RDB version from the header, or -1 before it was read. */
    public int version() {
        return version;
    }

    /** Bytes consumed so far. */
    public long bytesRead() {
        return in.offset();
    }

    /** Keys delivered to the sink so far. */
    public long keysRead() {
        return keysRead;
    }

    /** Empty collections found and skipped, as Redis skips them. */
    public long emptyKeysSkipped() {
        return emptyKeysSkipped;
    }

    /** The RDB type byte of the entry being delivered (for diagnostics and tests), or -1. */
    public int currentValueType() {
        return currentType;
    }

    /** Reads the stream to its end (EOF opcode and checksum), feeding the sink. */
    public void read(RdbSink sink) throws IOException {
        if (used) {
            throw new IllegalStateException("an RdbReader reads one stream once");
        }
        used = true;
        readHeader();
        long expireAt = -1;
        while (true) {
            long at = in.offset();
            int type = in.readByte();
            switch (type) {
                case OPCODE_EOF -> {
                    readTrailer();
                    return;
                }
                case OPCODE_EXPIRETIME -> expireAt = in.readIntLE() * 1000L;
                case OPCODE_EXPIRETIME_MS -> expireAt = in.readLongLE();
                case OPCODE_FREQ -> in.readByte();
                case OPCODE_IDLE -> in.readLength();
                case OPCODE_SELECTDB -> sink.database(in.readIntLength("database id"));
                case OPCODE_RESIZEDB -> {
                    long size = in.readLength();
                    sink.resizeDatabase(size, in.readLength());
                }
                case OPCODE_AUX -> {
                    byte[] key = in.readString();
                    sink.aux(new String(key, StandardCharsets.UTF_8), in.readString());
                }
                case OPCODE_MODULE_AUX -> throw in.error("the RDB holds module data (MODULE_AUX); modules are not supported", at);
                case OPCODE_FUNCTION, OPCODE_FUNCTION2 -> {
                    byte[] code = type == OPCODE_FUNCTION2 ? in.readString() : readOldFunction();
                    if (!sink.function(code)) {
                        throw in.error("the RDB holds a function library, which this server does not load", at);
                    }
                }
                default -> {
                    if (!RdbObjectReader.isValueType(type)) {
                        throw in.error("unknown RDB opcode or value type " + type, at);
                    }
                    readEntry(type, expireAt, sink);
                    expireAt = -1;
                }
            }
        }
    }

    private void readHeader() throws IOException {
        byte[] magic = new byte[9];
        in.readFully(magic, 0, 9);
        if (!Arrays.equals(Arrays.copyOf(magic, 5), "REDIS".getBytes(StandardCharsets.US_ASCII))) {
            throw in.error("not an RDB stream: no REDIS signature", 0);
        }
        int v = 0;
        for (int i = 5; i < 9; i++) {
            if (magic[i] < '0' || magic[i] > '9') {
                throw in.error("invalid RDB version field", 5);
            }
            v = v * 10 + (magic[i] - '0');
        }
        if (v < 1 || v > RDB_VERSION) {
            throw in.error("cannot read RDB format version " + v + " (this server reads 1 to " + RDB_VERSION + ")", 5);
        }
        version = v;
    }

    private void readEntry(int type, long expireAt, RdbSink sink) throws IOException {
        byte[] key = in.readString();
        currentType = type;
        Object value = objects.read(type);
        if (value == null) {
            emptyKeysSkipped++;
        } else {
            keysRead++;
            sink.entry(key, value, expireAt);
        }
        currentType = -1;
    }

    /** The 7.0-rc FUNCTION record: name, engine, optional description, code; as FUNCTION2 text. */
    private byte[] readOldFunction() throws IOException {
        byte[] name = in.readString();
        byte[] engine = in.readString();
        if (in.readLength() != 0) {
            in.readString(); // the description, dropped as Redis drops it
        }
        byte[] code = in.readString();
        byte[] head = ("#!" + new String(engine, StandardCharsets.UTF_8) + " name="
                + new String(name, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + code.length);
        System.arraycopy(code, 0, all, head.length, code.length);
        return all;
    }

    /** From version 5 the EOF opcode is followed by the CRC-64 of everything before it (or 0). */
    private void readTrailer() throws IOException {
        if (version < 5) {
            return;
        }
        long computed = in.crc();
        long at = in.offset();
        long stored = in.readTrailerLongLE();
        if (stored != 0 && stored != computed) {
            throw in.error(String.format("RDB checksum mismatch: the file says %016x, the data gives %016x",
                    stored, computed), at);
        }
    }
}
