package io.replicatedstore.datanode.persist.rdb;

import io.replicatedstore.datanode.store.Bytes;
import io.replicatedstore.datanode.store.Listpacks;
import io.replicatedstore.datanode.store.StreamGroup;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Streams in RDB files, as Redis 7.0's rdb.c: type STREAM_LISTPACKS_2 (19) written and read,
 * STREAM_LISTPACKS (15, Redis 5 and 6) read. The layout: the node count, each node as its
 * 16-byte big-endian master id and its listpack; length, last id, first id, max deleted id and
 * entries added; then each consumer group with its last id, entries-read, its pending entries
 * (raw id, delivery time, delivery count) and its consumers (name, seen time, the raw ids they
 * own). Each node's listpack is the one Redis builds (master entry, then per entry flags, id
 * deltas, fields unless the master's, values, element count), deleted entries included.
 */
final class StreamRdb {

    private static final int FLAG_DELETED = 1;
    private static final int FLAG_SAMEFIELDS = 2;

    private StreamRdb() {
    }

    // ---- writing -----------------------------------------------------------------------------

    static void write(RdbOutput out, StreamValue stream) throws IOException {
        List<StreamValue.NodeView> nodes = stream.nodeViews();
        out.writeLength(nodes.size());
        for (StreamValue.NodeView node : nodes) {
            out.writeString(rawId(node.master()));
            ListpackEncoder lp = listpack(node);
            out.writeString(lp.buffer(), 0, lp.finish());
        }
        out.writeLength(stream.length());
        writeId(out, stream.lastId());
        writeId(out, stream.firstId());
        writeId(out, stream.maxDeletedId());
        out.writeUnsignedLength(stream.entriesAdded());
        out.writeLength(stream.groups().size());
        for (Map.Entry<Bytes, StreamGroup> e : stream.groups().entrySet()) {
            StreamGroup group = e.getValue();
            out.writeString(e.getKey().bytes());
            writeId(out, group.lastId);
            out.writeUnsignedLength(group.entriesRead);
            out.writeLength(group.pending.size());
            for (Map.Entry<StreamId, StreamGroup.Pending> p : group.pending.entrySet()) {
                out.write(rawId(p.getKey()));
                out.writeLongLE(p.getValue().deliveryTime);
                out.writeUnsignedLength(p.getValue().deliveryCount);
            }
            out.writeLength(group.consumers.size());
            for (StreamGroup.Consumer consumer : group.consumers.values()) {
                out.writeString(consumer.name);
                out.writeLongLE(consumer.seenTime);
                out.writeLength(consumer.pending.size());
                for (StreamId id : consumer.pending.keySet()) {
                    out.write(rawId(id));
                }
            }
        }
    }

    /** A node's listpack, element by element as Redis's streamAppendItem and XDEL leave it. */
    static ListpackEncoder listpack(StreamValue.NodeView node) {
        ListpackEncoder lp = new ListpackEncoder(256);
        byte[][] master = node.masterFields();
        lp.addLong(node.live());
        lp.addLong(node.ids().size() - node.live());
        lp.addLong(master.length);
        for (byte[] field : master) {
            lp.add(field);
        }
        lp.addLong(0);
        for (int i = 0; i < node.ids().size(); i++) {
            StreamId id = node.ids().get(i);
            byte[][] values = node.values().get(i);
            boolean same = Listpacks.sameFields(master, values);
            int pairs = values.length / 2;
            lp.addLong((node.deleted().get(i) ? FLAG_DELETED : 0) | (same ? FLAG_SAMEFIELDS : 0));
            lp.addLong(id.ms() - node.master().ms());
            lp.addLong(id.seq() - node.master().seq());
            if (!same) {
                lp.addLong(pairs);
            }
            for (int k = 0; k < pairs; k++) {
                if (!same) {
                    lp.add(values[2 * k]);
                }
                lp.add(values[2 * k + 1]);
            }
            lp.addLong(same ? pairs + 3 : 2L * pairs + 4);
        }
        return lp;
    }

    private static void writeId(RdbOutput out, StreamId id) throws IOException {
        out.writeUnsignedLength(id.ms());
        out.writeUnsignedLength(id.seq());
    }

    /** An id as the 128-bit big-endian key Redis's rax uses. */
    static byte[] rawId(StreamId id) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (id.ms() >>> (56 - 8 * i));
            b[8 + i] = (byte) (id.seq() >>> (56 - 8 * i));
        }
        return b;
    }

    private static StreamId fromRaw(byte[] b) {
        long ms = 0;
        long seq = 0;
        for (int i = 0; i < 8; i++) {
            ms = (ms << 8) | (b[i] & 0xff);
            seq = (seq << 8) | (b[8 + i] & 0xff);
        }
        return new StreamId(ms, seq);
    }

    // ---- reading -----------------------------------------------------------------------------

    /** Reads a stream of type 15 or 19 (v2: first id, max deleted id, entries added and entries-read present). */
    static StreamValue read(RdbInput in, boolean v2) throws IOException {
        StreamValue stream = new StreamValue();
        int nodes = in.readCount("stream node count", 2 + 17);
        for (int n = 0; n < nodes; n++) {
            long at = in.offset();
            byte[] key = in.readString();
            if (key.length != 16) {
                throw in.error("stream node key is not the size of a stream ID", at);
            }
            at = in.offset();
            byte[] lp = in.readString();
            try {
                readNode(stream, fromRaw(key), lp);
            } catch (BlobFormatException | IllegalArgumentException e) {
                throw in.error("corrupt stream listpack: " + e.getMessage(), at);
            }
        }
        long at = in.offset();
        long length = in.readUnsignedLength();
        if (length != stream.length()) {
            throw in.error("stream length " + Long.toUnsignedString(length) + " but its nodes hold "
                    + stream.length() + " entries", at);
        }
        StreamId lastId = readId(in);
        StreamId firstId;
        StreamId maxDeleted;
        long entriesAdded;
        if (v2) {
            firstId = readId(in);
            maxDeleted = readId(in);
            entriesAdded = in.readUnsignedLength();
        } else {
            maxDeleted = StreamId.MIN;
            entriesAdded = length;
            // Redis 5/6 kept no first id: the first live entry's (streamGetEdgeID skipping tombstones).
            List<StreamValue.Entry> first = stream.range(StreamId.MIN, StreamId.MAX, 1, false);
            firstId = first.isEmpty() ? StreamId.MIN : first.get(0).id();
        }
        if (stream.length() > 0 && stream.lastValidId().compareTo(lastId) > 0) {
            throw in.error("stream last id " + lastId + " is before its last entry", at);
        }
        stream.restore(lastId, firstId, maxDeleted, entriesAdded);
        int groups = in.readCount("stream consumer group count", 6);
        for (int g = 0; g < groups; g++) {
            readGroup(in, stream, v2);
        }
        return stream;
    }

    private static void readGroup(RdbInput in, StreamValue stream, boolean v2) throws IOException {
        long at = in.offset();
        byte[] name = in.readString();
        StreamId lastId = readId(in);
        long entriesRead = v2 ? in.readUnsignedLength() : stream.estimateDistanceFromFirstEverEntry(lastId);
        StreamGroup group = stream.createGroup(name, lastId, entriesRead);
        if (group == null) {
            throw in.error("duplicated consumer group name " + Bytes.of(name), at);
        }
        int pending = in.readCount("stream PEL size", 16 + 8 + 1);
        byte[] raw = new byte[16];
        for (int i = 0; i < pending; i++) {
            at = in.offset();
            in.readFully(raw, 0, 16);
            StreamId id = fromRaw(raw);
            long deliveryTime = in.readLongLE();
            long deliveryCount = in.readUnsignedLength();
            if (group.pending.put(id, new StreamGroup.Pending(null, deliveryTime, deliveryCount)) != null) {
                throw in.error("duplicated global PEL entry loading a stream consumer group", at);
            }
        }
        int consumers = in.readCount("stream consumer count", 1 + 8 + 1);
        for (int c = 0; c < consumers; c++) {
            at = in.offset();
            byte[] consumerName = in.readString();
            StreamGroup.Consumer consumer = group.createConsumer(consumerName, 0);
            if (consumer == null) {
                throw in.error("duplicate stream consumer " + Bytes.of(consumerName), at);
            }
            consumer.seenTime = in.readLongLE();
            int owned = in.readCount("stream consumer PEL size", 16);
            for (int i = 0; i < owned; i++) {
                at = in.offset();
                in.readFully(raw, 0, 16);
                StreamId id = fromRaw(raw);
                StreamGroup.Pending nack = group.pending.get(id);
                if (nack == null) {
                    throw in.error("consumer entry " + id + " not found in the group's PEL", at);
                }
                if (nack.consumer != null) {
                    throw in.error("duplicated consumer PEL entry " + id, at);
                }
                nack.consumer = consumer;
                consumer.pending.put(id, nack);
            }
        }
        for (Map.Entry<StreamId, StreamGroup.Pending> p : group.pending.entrySet()) {
            if (p.getValue().consumer == null) {
                throw in.error("stream group PEL entry " + p.getKey() + " without consumer");
            }
        }
    }

    private static StreamId readId(RdbInput in) throws IOException {
        long ms = in.readUnsignedLength();
        return new StreamId(ms, in.readUnsignedLength());
    }

    /** Decodes and checks one node's listpack (Redis's streamValidateListpackIntegrity, deep). */
    static void readNode(StreamValue stream, StreamId master, byte[] lp) throws BlobFormatException {
        List<byte[]> e = ListpackDecoder.decode(lp);
        int p = 0;
        if (e.size() < 4) {
            throw new BlobFormatException("stream listpack too short for its master entry");
        }
        long count = integer(e.get(p++));
        long deletedCount = integer(e.get(p++));
        long masterCount = integer(e.get(p++));
        if (masterCount < 0 || masterCount > e.size() - p - 1) {
            throw new BlobFormatException("master entry field count " + masterCount + " out of range");
        }
        byte[][] masterFields = new byte[(int) masterCount][];
        for (int i = 0; i < masterCount; i++) {
            masterFields[i] = e.get(p++);
        }
        if (integer(e.get(p++)) != 0) {
            throw new BlobFormatException("master entry not terminated by 0");
        }
        List<StreamId> ids = new ArrayList<>();
        List<byte[][]> values = new ArrayList<>();
        BitSet deleted = new BitSet();
        while (p < e.size()) {
            if (e.size() - p < 4) {
                throw new BlobFormatException("truncated stream entry");
            }
            int start = p;
            long flags = integer(e.get(p++));
            long ms = integer(e.get(p++));
            long seq = integer(e.get(p++));
            boolean same = (flags & FLAG_SAMEFIELDS) != 0;
            long pairs = same ? masterCount : integer(e.get(p++));
            if (pairs < 0 || (same ? pairs : 2 * pairs) > e.size() - p - 1) {
                throw new BlobFormatException("stream entry field count " + pairs + " out of range");
            }
            byte[][] fv = new byte[(int) (2 * pairs)][];
            for (int k = 0; k < pairs; k++) {
                fv[2 * k] = same ? masterFields[k] : e.get(p++);
                fv[2 * k + 1] = e.get(p++);
            }
            long lpCount = integer(e.get(p++));
            if (lpCount != p - start - 1) {
                throw new BlobFormatException("stream entry element count " + lpCount + " but it has " + (p - start - 1));
            }
            if ((flags & FLAG_DELETED) != 0) {
                deleted.set(ids.size());
            }
            ids.add(new StreamId(master.ms() + ms, master.seq() + seq));
            values.add(fv);
        }
        if (ids.isEmpty()) {
            throw new BlobFormatException("empty listpack inside stream");
        }
        if (count != ids.size() - deleted.cardinality() || deletedCount != deleted.cardinality()) {
            throw new BlobFormatException("master entry counts " + count + " live and " + deletedCount
                    + " deleted, the node has " + (ids.size() - deleted.cardinality()) + " and " + deleted.cardinality());
        }
        if (!ids.get(0).equals(master)) {
            throw new BlobFormatException("node key " + master + " is not its first entry's id " + ids.get(0));
        }
        stream.loadNode(masterFields, ids, values, deleted, lp.length);
    }

    private static long integer(byte[] element) throws BlobFormatException {
        if (!Bytes.isCanonicalLong(element)) {
            throw new BlobFormatException("stream listpack holds a string where an integer belongs");
        }
        return Bytes.canonicalLongValue(element);
    }
}
