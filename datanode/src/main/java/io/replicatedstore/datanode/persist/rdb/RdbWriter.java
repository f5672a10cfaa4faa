package io.replicatedstore.datanode.persist.rdb;

import io.replicatedstore.datanode.store.Bytes;
import io.replicatedstore.datanode.store.HashValue;
import io.replicatedstore.datanode.store.ListValue;
import io.replicatedstore.datanode.store.SetValue;
import io.replicatedstore.datanode.store.StreamValue;
import io.replicatedstore.datanode.store.ZSetValue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Writes an RDB version 10 stream, as Redis 7.0 does, to any OutputStream (a file or a replica's
 * socket). The caller drives it from whatever iteration it has (a snapshot):
 * <pre>
 *   RdbWriter w = new RdbWriter(out, options);
 *   w.startDatabase(0, size, expiresSize);
 *   w.writeKey(key, value, expireAtMs);   // -1 = no expiry
 *   ...
 *   w.finish();                           // EOF opcode + CRC-64; flushes, does not close
 * </pre>
 * The header (magic, AUX fields, function libraries) is written by the first call. Values are byte[] (strings),
 * {@link ListValue}, {@link SetValue}, {@link HashValue} and {@link ZSetValue}; the RDB type of
 * each is chosen from its content and the {@link EncodingLimits}, as Redis would have encoded it:
 * lists as QUICKLIST_2 (PACKED listpack nodes sized by list-max-listpack-size, PLAIN nodes for
 * elements over the packed threshold), sets as INTSET or SET, hashes as HASH_LISTPACK or HASH,
 * sorted sets as ZSET_LISTPACK or ZSET_2, streams as STREAM_LISTPACKS_2 ({@link StreamRdb}). Not
 * thread safe.
 */
public final class RdbWriter {

    /** Redis's quicklist estimate of per-entry overhead when deciding whether a node has room. */
    private static final int SIZE_ESTIMATE_OVERHEAD = 8;
    /** Hard per-node byte cap for count-based (positive) list-max-listpack-size. */
    private static final int SIZE_SAFETY_LIMIT = 8192;
    /** Node byte budgets for list-max-listpack-size -1 .. -5. */
    private static final int[] OPTIMIZATION_LEVEL = {4096, 8192, 16384, 32768, 65536};

    private final RdbOutput out;
    private final RdbWriteOptions options;
    private final EncodingLimits limits;
    private boolean headerWritten;
    private boolean finished;
    /** DUMP: values without key names (see {@link #dumpPayload}). */
    private boolean valueOnly;

    public RdbWriter(OutputStream out, RdbWriteOptions options) {
        this.out = new RdbOutput(out, options.compression());
        this.options = options;
        this.limits = options.limits();
    }

    /** Bytes produced so far (buffered ones included). */
    public long bytesWritten() {
        return out.position();
    }

    /** Writes the magic and the AUX fields; called implicitly by the first other call. */
    public void writeHeader() throws IOException {
        checkOpen();
        if (headerWritten) {
            return;
        }
        headerWritten = true;
        out.write(("REDIS" + String.format("%04d", RdbConstants.RDB_VERSION)).getBytes(StandardCharsets.US_ASCII));
        RdbWriteOptions.Aux aux = options.aux();
        writeAux("redis-ver", aux.redisVersion());
        writeAux("redis-bits", Long.toString(aux.redisBits()));
        writeAux("ctime", Long.toString(aux.ctime()));
        writeAux("used-mem", Long.toString(aux.usedMem()));
        if (aux.replication() != null) {
            writeAux("repl-stream-db", Long.toString(aux.replication().streamDb()));
            writeAux("repl-id", aux.replication().replId());
            writeAux("repl-offset", Long.toString(aux.replication().offset()));
        }
        writeAux("aof-base", aux.aofBase() ? "1" : "0");
        RdbFunctionSection.write(out, options.functions(), options.compression());
    }

    /** An extra AUX field (loaders skip those they do not know). */
    public void writeAux(String key, String value) throws IOException {
        writeAux(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    public void writeAux(byte[] key, byte[] value) throws IOException {
        writeHeader();
        out.writeByte(RdbConstants.OPCODE_AUX);
        out.writeString(key);
        out.writeString(value);
    }

    /**
     * Starts a database: SELECTDB, then RESIZEDB with the sizes the loader pre-sizes its tables
     * for (hints: they need not be exact). Redis skips empty databases; so may the caller.
     */
    public void startDatabase(int dbId, long size, long expiresSize) throws IOException {
        if (dbId < 0) {
            throw new IllegalArgumentException("negative database id " + dbId);
        }
        writeHeader();
        out.writeByte(RdbConstants.OPCODE_SELECTDB);
        out.writeLength(dbId);
        out.writeByte(RdbConstants.OPCODE_RESIZEDB);
        out.writeLength(Math.max(0, size));
        out.writeLength(Math.max(0, expiresSize));
    }

    /**
     * Writes one key of the current database.
     *
     * @param expireAtMs absolute unix time in milliseconds, or -1 for none
     * @throws IllegalArgumentException for an unknown value class or an empty collection (Redis
     *                                  never has empty keys and skips them on load)
     */
    public void writeKey(byte[] key, Object value, long expireAtMs) throws IOException {
        writeHeader();
        if (expireAtMs != -1) {
            out.writeByte(RdbConstants.OPCODE_EXPIRETIME_MS);
            out.writeLongLE(expireAtMs);
        }
        if (value instanceof byte[] s) {
            out.writeByte(RdbConstants.TYPE_STRING);
            writeKeyName(key);
            out.writeString(s);
        } else if (value instanceof ListValue list) {
            requireNonEmpty(list.size(), key);
            out.writeByte(RdbConstants.TYPE_LIST_QUICKLIST_2);
            writeKeyName(key);
            writeList(list);
        } else if (value instanceof SetValue set) {
            requireNonEmpty(set.size(), key);
            writeSet(key, set);
        } else if (value instanceof HashValue hash) {
            requireNonEmpty(hash.size(), key);
            writeHash(key, hash);
        } else if (value instanceof ZSetValue zset) {
            requireNonEmpty(zset.size(), key);
            writeZSet(key, zset);
        } else if (value instanceof StreamValue stream) {
            out.writeByte(RdbConstants.TYPE_STREAM_LISTPACKS_2);
            writeKeyName(key);
            StreamRdb.write(out, stream);
        } else {
            throw new IllegalArgumentException("not a value: " + (value == null ? "null" : value.getClass().getName()));
        }
    }

    /** EOF opcode and the CRC-64 trailer (zeros when rdbchecksum is off); flushes the stream. */
    public void finish() throws IOException {
        writeHeader();
        finished = true;
        out.writeByte(RdbConstants.OPCODE_EOF);
        out.finish(options.checksum());
    }

    /**
     * DUMP's payload (Redis's createDumpPayload): the value's RDB type and encoding, no key, then
     * the RDB version in 2 bytes and the CRC-64 of all before it in 8, both little endian.
     */
    public static byte[] dumpPayload(Object value, RdbWriteOptions options) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        RdbWriter writer = new RdbWriter(bytes, options);
        writer.headerWritten = true;
        writer.valueOnly = true;
        writer.writeKey(null, value, -1);
        writer.out.flush();
        bytes.write(RdbConstants.RDB_VERSION & 0xff);
        bytes.write(RdbConstants.RDB_VERSION >>> 8);
        long crc = Crc64.of(bytes.toByteArray());
        for (int i = 0; i < 8; i++) {
            bytes.write((int) (crc >>> (8 * i)));
        }
        return bytes.toByteArray();
    }

    /** A key's name, left out of a DUMP payload. */
    private void writeKeyName(byte[] key) throws IOException {
        if (!valueOnly) {
            out.writeString(key);
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("RDB already finished");
        }
    }

    private static void requireNonEmpty(int size, byte[] key) {
        if (size == 0) {
            throw new IllegalArgumentException("empty collection at key " + Bytes.of(key));
        }
    }

    // ---- lists -----------------------------------------------------------------------------

    /**
     * QUICKLIST_2: the node count, then per node its container (PLAIN or PACKED) and its data.
     * Nodes are cut where Redis's _quicklistNodeAllowInsert would have started a new one when
     * the elements were pushed one by one, so a loaded list has Redis's own node shape.
     */
    private void writeList(ListValue list) throws IOException {
        int n = list.size();
        // Pass 1: where each node starts, and which nodes are PLAIN (one big element each).
        int[] starts = new int[16];
        BitSet plain = new BitSet();
        int nodes = 0;
        long nodeBytes = 0;
        int nodeCount = 0;
        boolean packedOpen = false;
        for (int i = 0; i < n; i++) {
            byte[] e = list.get(i);
            boolean large = e.length >= limits.listPackedThreshold();
            if (large || !packedOpen || !allowInsert(nodeBytes, nodeCount, e.length)) {
                if (nodes == starts.length) {
                    starts = Arrays.copyOf(starts, nodes * 2);
                }
                plain.set(nodes, large);
                starts[nodes++] = i;
                nodeBytes = ListpackEncoder.EMPTY_SIZE;
                nodeCount = 0;
                packedOpen = !large;
            }
            nodeBytes += ListpackEncoder.entrySize(e);
            nodeCount++;
        }
        // Pass 2: write them.
        out.writeLength(nodes);
        for (int k = 0; k < nodes; k++) {
            int start = starts[k];
            if (plain.get(k)) {
                out.writeLength(RdbConstants.QUICKLIST_NODE_PLAIN);
                out.writeString(list.get(start));
                continue;
            }
            int end = k + 1 < nodes ? starts[k + 1] : n;
            ListpackEncoder lp = new ListpackEncoder(256);
            for (int i = start; i < end; i++) {
                lp.add(list.get(i));
            }
            int len = lp.finish();
            out.writeLength(RdbConstants.QUICKLIST_NODE_PACKED);
            out.writeString(lp.buffer(), 0, len);
        }
    }

    private boolean allowInsert(long nodeBytes, int nodeCount, int elementLength) {
        int fill = limits.listMaxListpackSize();
        long newSize = nodeBytes + elementLength + SIZE_ESTIMATE_OVERHEAD;
        if (fill < 0) {
            int level = -(fill + 1);
            if (level < OPTIMIZATION_LEVEL.length && newSize <= OPTIMIZATION_LEVEL[level]) {
                return true;
            }
        }
        if (newSize > SIZE_SAFETY_LIMIT) {
            return false;
        }
        return nodeCount < fill;
    }

    // ---- sets ------------------------------------------------------------------------------

    private void writeSet(byte[] key, SetValue set) throws IOException {
        long[] ints = set.size() <= limits.setMaxIntsetEntries() ? integers(set) : null;
        if (ints != null) {
            out.writeByte(RdbConstants.TYPE_SET_INTSET);
            writeKeyName(key);
            out.writeString(IntsetEncoder.encode(ints));
            return;
        }
        out.writeByte(RdbConstants.TYPE_SET);
        writeKeyName(key);
        out.writeLength(set.size());
        for (byte[] member : set) {
            out.writeString(member);
        }
    }

    /** The members as numbers if every one is a canonical integer, else null. */
    private static long[] integers(SetValue set) {
        long[] values = new long[set.size()];
        int i = 0;
        for (byte[] member : set) {
            if (!Bytes.isCanonicalLong(member)) {
                return null;
            }
            values[i++] = Bytes.canonicalLongValue(member);
        }
        return values;
    }

    // ---- hashes ----------------------------------------------------------------------------

    private void writeHash(byte[] key, HashValue hash) throws IOException {
        if (hashFitsListpack(hash)) {
            ListpackEncoder lp = new ListpackEncoder(256);
            for (HashValue.Entry e : hash) {
                lp.add(e.field());
                lp.add(e.value());
            }
            int len = lp.finish();
            out.writeByte(RdbConstants.TYPE_HASH_LISTPACK);
            writeKeyName(key);
            out.writeString(lp.buffer(), 0, len);
            return;
        }
        out.writeByte(RdbConstants.TYPE_HASH);
        writeKeyName(key);
        out.writeLength(hash.size());
        for (HashValue.Entry e : hash) {
            out.writeString(e.field());
            out.writeString(e.value());
        }
    }

    private boolean hashFitsListpack(HashValue hash) {
        if (hash.size() > limits.hashMaxListpackEntries()) {
            return false;
        }
        long bytes = ListpackEncoder.EMPTY_SIZE;
        for (HashValue.Entry e : hash) {
            if (e.field().length > limits.hashMaxListpackValue() || e.value().length > limits.hashMaxListpackValue()) {
                return false;
            }
            bytes += ListpackEncoder.entrySize(e.field()) + ListpackEncoder.entrySize(e.value());
        }
        return bytes <= RdbConstants.LISTPACK_MAX_SAFETY_SIZE;
    }

    // ---- sorted sets -----------------------------------------------------------------------

    private void writeZSet(byte[] key, ZSetValue zset) throws IOException {
        if (zsetFitsListpack(zset)) {
            // Ascending (score, member) order, member then score, as zzlInsert keeps it.
            ListpackEncoder lp = new ListpackEncoder(256);
            for (ZSetValue.Node node : zset) {
                lp.add(node.member());
                double score = node.score();
                if (Scores.isLong(score)) {
                    lp.addLong((long) score);
                } else {
                    lp.add(Scores.toText(score));
                }
            }
            int len = lp.finish();
            out.writeByte(RdbConstants.TYPE_ZSET_LISTPACK);
            writeKeyName(key);
            out.writeString(lp.buffer(), 0, len);
            return;
        }
        out.writeByte(RdbConstants.TYPE_ZSET_2);
        writeKeyName(key);
        out.writeLength(zset.size());
        // Highest first, as Redis writes: each loaded element then goes to the skip list's head.
        for (ZSetValue.Node node = zset.last(); node != null; node = node.prev()) {
            out.writeString(node.member());
            out.writeDoubleLE(node.score());
        }
    }

    private boolean zsetFitsListpack(ZSetValue zset) {
        if (zset.size() > limits.zsetMaxListpackEntries()) {
            return false;
        }
        long bytes = ListpackEncoder.EMPTY_SIZE;
        for (ZSetValue.Node node : zset) {
            if (node.member().length > limits.zsetMaxListpackValue()) {
                return false;
            }
            bytes += ListpackEncoder.entrySize(node.member()) + 20;
        }
        return bytes <= RdbConstants.LISTPACK_MAX_SAFETY_SIZE;
    }
}
