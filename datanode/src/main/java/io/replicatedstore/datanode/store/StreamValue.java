package io.replicatedstore.datanode.store;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Redis 7.0 stream: entries ordered by {@link StreamId}, each a list of field/value pairs, and
 * the stream's metadata (last id, entries added, max deleted entry id, first id).
 *
 * <p>Entries are kept in nodes as Redis keeps them in listpacks (at most stream-node-max-entries
 * entries, live or deleted, and about stream-node-max-bytes): approximate trimming ({@code ~})
 * removes whole nodes only, so its result depends on where the node boundaries fall, and these
 * follow Redis's. XDEL marks an entry deleted inside its node (a tombstone, as Redis does); a node
 * with no live entry left is dropped. Single-threaded.
 */
public final class StreamValue {

    /** One stored entry. */
    public record Entry(StreamId id, byte[][] fieldsAndValues) {
    }

    /**
     * A node, as a Redis listpack: entries in id order, some marked deleted. A deleted entry
     * keeps its fields and values, as Redis's listpack keeps them, so the node is saved to an
     * RDB exactly as Redis would save it.
     */
    private static final class Node {
        final ArrayList<StreamId> ids = new ArrayList<>();
        final ArrayList<byte[][]> values = new ArrayList<>();
        final BitSet deleted = new BitSet();
        final byte[][] masterFields;
        int live;
        long listpackBytes;

        Node(byte[][] masterFields) {
            this.masterFields = masterFields;
        }

        boolean isDeleted(int index) {
            return deleted.get(index);
        }
    }

    /** A node as the RDB sees it: master id and fields, every entry with its deleted flag. */
    public record NodeView(StreamId master, byte[][] masterFields, List<StreamId> ids, List<byte[][]> values,
                           BitSet deleted, int live) {
    }

    private final TreeMap<StreamId, Node> nodes = new TreeMap<>();
    private long length;
    private StreamId lastId = StreamId.MIN;
    private StreamId maxDeletedId = StreamId.MIN;
    private StreamId firstId = StreamId.MIN;
    private long entriesAdded;
    private final TreeMap<Bytes, StreamGroup> groups = new TreeMap<>();
    // Running totals for the O(1) heap estimate.
    private long slots;
    private long elements;
    private long payloadBytes;

    public long length() {
        return length;
    }

    public StreamId lastId() {
        return lastId;
    }

    public void lastId(StreamId id) {
        lastId = id;
    }

    public long entriesAdded() {
        return entriesAdded;
    }

    public void entriesAdded(long count) {
        entriesAdded = count;
    }

    public StreamId maxDeletedId() {
        return maxDeletedId;
    }

    public void maxDeletedId(StreamId id) {
        maxDeletedId = id;
    }

    /** The first live entry's id, 0-0 when empty. */
    public StreamId firstId() {
        return firstId;
    }

    /**
     * Appends an entry whose id the caller checked is greater than {@link #lastId()}; a new node
     * starts when the last one holds {@code nodeMaxEntries} entries (0: no limit) or would pass
     * {@code nodeMaxBytes}.
     */
    public void append(StreamId id, byte[][] fieldsAndValues, long nodeMaxEntries, long nodeMaxBytes) {
        if (id.compareTo(lastId) <= 0) {
            throw new IllegalArgumentException("id " + id + " not after " + lastId);
        }
        long elementBytes = 0;
        for (byte[] element : fieldsAndValues) {
            elementBytes += element.length;
        }
        Map.Entry<StreamId, Node> tail = nodes.lastEntry();
        Node node = tail == null ? null : tail.getValue();
        long maxBytes = nodeMaxBytes == 0 || nodeMaxBytes > Integer.MAX_VALUE ? Integer.MAX_VALUE : nodeMaxBytes;
        if (node != null && (node.listpackBytes + elementBytes >= maxBytes
                || nodeMaxEntries != 0 && node.ids.size() >= nodeMaxEntries)) {
            node = null;
        }
        if (node == null) {
            node = new Node(fieldsOf(fieldsAndValues));
            node.listpackBytes = Listpacks.masterBytes(node.masterFields);
            nodes.put(id, node);
        } else {
            node.listpackBytes += Listpacks.integer(node.live + 1) - Listpacks.integer(node.live);
        }
        StreamId master = node.ids.isEmpty() ? id : node.ids.get(0);
        node.listpackBytes += Listpacks.entryBytes(master, id, fieldsAndValues, node.masterFields);
        node.ids.add(id);
        node.values.add(fieldsAndValues);
        node.live++;
        length++;
        entriesAdded++;
        lastId = id;
        if (length == 1) {
            firstId = id;
        }
        slots++;
        elements += fieldsAndValues.length;
        payloadBytes += elementBytes;
    }

    /** XDEL of one id: true if a live entry had it. */
    public boolean delete(StreamId id) {
        Map.Entry<StreamId, Node> holder = nodes.floorEntry(id);
        if (holder == null) {
            return false;
        }
        Node node = holder.getValue();
        int index = java.util.Collections.binarySearch(node.ids, id);
        if (index < 0 || node.isDeleted(index)) {
            return false;
        }
        markDeleted(node, index);
        length--;
        if (node.live == 0) {
            dropNode(holder.getKey(), node);
        }
        if (id.compareTo(maxDeletedId) > 0) {
            maxDeletedId = id;
        }
        if (id.equals(firstId)) {
            firstId = firstLiveId();
        }
        return true;
    }

    private void forget(byte[][] fieldsAndValues) {
        elements -= fieldsAndValues.length;
        for (byte[] element : fieldsAndValues) {
            payloadBytes -= element.length;
        }
    }

    private void markDeleted(Node node, int index) {
        node.deleted.set(index);
        node.live--;
        // The flag is rewritten in place and the master entry's two counters change.
        node.listpackBytes += Listpacks.integer(node.live) + Listpacks.integer(node.ids.size() - node.live)
                - Listpacks.integer(node.live + 1) - Listpacks.integer(node.ids.size() - node.live - 1)
                + Listpacks.integer(flagsOf(node, index) | 1) - Listpacks.integer(flagsOf(node, index));
    }

    private static int flagsOf(Node node, int index) {
        return Listpacks.sameFields(node.masterFields, node.values.get(index)) ? 2 : 0;
    }

    private void dropNode(StreamId key, Node node) {
        nodes.remove(key);
        slots -= node.ids.size();
        for (byte[][] values : node.values) {
            forget(values);
        }
    }

    private StreamId firstLiveId() {
        for (Node node : nodes.values()) {
            int i = node.deleted.nextClearBit(0);
            if (i < node.ids.size()) {
                return node.ids.get(i);
            }
        }
        return StreamId.MIN;
    }

    /** The first entry's id counting deleted ones (Redis's streamGetEdgeID without skipping tombstones). */
    public StreamId firstIdWithTombstones() {
        Map.Entry<StreamId, Node> first = nodes.firstEntry();
        return first == null ? StreamId.MIN : first.getValue().ids.get(0);
    }

    /**
     * Redis's streamTrim: by length ({@code minId} null) down to {@code maxLen}, or by id removing
     * entries below {@code minId}. Approximate trimming removes whole nodes only; {@code limit}
     * (0: none) bounds the entries removed. Returns the number of entries removed.
     */
    public long trim(long maxLen, StreamId minId, boolean approx, long limit) {
        boolean byLength = minId == null;
        long deleted = 0;
        while (!nodes.isEmpty()) {
            if (byLength && length <= maxLen) {
                break;
            }
            Map.Entry<StreamId, Node> first = nodes.firstEntry();
            Node node = first.getValue();
            if (limit != 0 && deleted + node.live > limit) {
                break;
            }
            boolean removeNode = byLength
                    ? length - node.live >= maxLen
                    : node.ids.get(node.ids.size() - 1).compareTo(minId) < 0;
            if (removeNode) {
                length -= node.live;
                deleted += node.live;
                dropNode(first.getKey(), node);
                continue;
            }
            if (approx) {
                break;
            }
            for (int i = 0; i < node.ids.size(); i++) {
                boolean stop = byLength ? length <= maxLen : node.ids.get(i).compareTo(minId) >= 0;
                if (stop) {
                    break;
                }
                if (!node.isDeleted(i)) {
                    markDeleted(node, i);
                    length--;
                    deleted++;
                }
            }
            break;
        }
        if (length == 0) {
            firstId = StreamId.MIN;
        } else if (deleted > 0) {
            firstId = firstLiveId();
        }
        return deleted;
    }

    /**
     * Live entries with {@code start <= id <= end}, in ascending order, or descending when
     * {@code reverse}; at most {@code count} of them (0 or less: all).
     */
    public List<Entry> range(StreamId start, StreamId end, long count, boolean reverse) {
        List<Entry> out = new ArrayList<>();
        if (start.compareTo(end) > 0) {
            return out;
        }
        long limit = count <= 0 ? Long.MAX_VALUE : count;
        StreamId from = nodes.floorKey(start);
        Iterator<Node> walk = reverse
                ? nodes.headMap(end, true).descendingMap().values().iterator()
                : nodes.tailMap(from == null ? start : from, true).values().iterator();
        while (walk.hasNext() && out.size() < limit) {
            Node node = walk.next();
            int n = node.ids.size();
            for (int k = 0; k < n && out.size() < limit; k++) {
                int i = reverse ? n - 1 - k : k;
                StreamId id = node.ids.get(i);
                if (!reverse && id.compareTo(end) > 0 || reverse && id.compareTo(start) < 0) {
                    return out;
                }
                if (!node.isDeleted(i) && id.compareTo(start) >= 0 && id.compareTo(end) <= 0) {
                    out.add(new Entry(id, node.values.get(i)));
                }
            }
        }
        return out;
    }

    /** The number of nodes (listpacks), for tests and MEMORY USAGE. */
    public int nodeCount() {
        return nodes.size();
    }

    /**
     * This stream's bytes on the JVM heap (see docs/memory.md), from running totals: the object
     * and its TreeMap, per node a map entry, the node and its two lists, per entry slot an id and
     * two list slots, per live entry its array and elements.
     */
    public long heapBytes() {
        long perNode = 40 + 32 + 2 * 24 + 2 * MemoryEstimate.referenceArray(10);
        return 64 + 48 + nodes.size() * perNode + slots * (24 + 8)
                + (length * 16 + elements * 4) + MemoryEstimate.byteArrays(elements, payloadBytes) + groupsHeapBytes();
    }

    /** Groups: per group its maps, per pending entry a map entry, an id and the NACK, twice mapped; per consumer its name and map. */
    private long groupsHeapBytes() {
        long total = 0;
        for (StreamGroup group : groups.values()) {
            total += 48 + 40 + 24 + 2 * 48 + group.pending.size() * (40L + 24 + 32 + 40);
            for (StreamGroup.Consumer consumer : group.consumers.values()) {
                total += 40 + 32 + 48 + MemoryEstimate.byteArrays(1, consumer.name.length);
            }
        }
        return total;
    }

    /** Rough MEMORY USAGE: the stream struct, a rax node per listpack, the listpacks' bytes. */
    public long memoryUsage() {
        long total = 16 + 64;
        for (Node node : nodes.values()) {
            total += 48 + node.listpackBytes;
        }
        return total;
    }

    // ---- consumer groups ---------------------------------------------------------------------

    /** The groups by name, in Redis's (byte) order; empty when none. */
    public TreeMap<Bytes, StreamGroup> groups() {
        return groups;
    }

    public StreamGroup group(byte[] name) {
        return groups.get(Bytes.of(name));
    }

    /** A new group, or null if one has that name (streamCreateCG). */
    public StreamGroup createGroup(byte[] name, StreamId lastId, long entriesRead) {
        Bytes key = Bytes.of(name);
        if (groups.containsKey(key)) {
            return null;
        }
        StreamGroup group = new StreamGroup(lastId, entriesRead);
        groups.put(key, group);
        return group;
    }

    public boolean destroyGroup(byte[] name) {
        return groups.remove(Bytes.of(name)) != null;
    }

    /** Whether a live entry has this id. */
    public boolean contains(StreamId id) {
        return !range(id, id, 1, false).isEmpty();
    }

    /** The entry with this id, or null. */
    public Entry entry(StreamId id) {
        List<Entry> found = range(id, id, 1, false);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The last live entry's id (streamLastValidID), 0-0 when empty. */
    public StreamId lastValidId() {
        List<Entry> last = range(StreamId.MIN, StreamId.MAX, 1, true);
        return last.isEmpty() ? StreamId.MIN : last.get(0).id();
    }

    /** Redis's streamRangeHasTombstones: whether [start, end] may hold a deleted entry. */
    public boolean rangeHasTombstones(StreamId start, StreamId end) {
        if (length == 0 || maxDeletedId.isMin()) {
            return false;
        }
        if (firstId.compareTo(maxDeletedId) > 0) {
            return false;
        }
        StreamId from = start == null ? StreamId.MIN : start;
        StreamId to = end == null ? StreamId.MAX : end;
        return from.compareTo(maxDeletedId) <= 0 && maxDeletedId.compareTo(to) <= 0;
    }

    /**
     * Redis's streamEstimateDistanceFromFirstEverEntry: the logical read counter of an id, or
     * {@link StreamGroup#INVALID_ENTRIES_READ} when it cannot be known.
     */
    public long estimateDistanceFromFirstEverEntry(StreamId id) {
        if (entriesAdded == 0) {
            return 0;
        }
        if (length == 0 && id.compareTo(lastId) < 1) {
            return entriesAdded;
        }
        int cmpLast = id.compareTo(lastId);
        if (cmpLast == 0) {
            return entriesAdded;
        } else if (cmpLast > 0) {
            return StreamGroup.INVALID_ENTRIES_READ;
        }
        int cmpFirst = id.compareTo(firstId);
        if (maxDeletedId.isMin() || maxDeletedId.compareTo(firstId) < 0) {
            if (cmpFirst < 0) {
                return entriesAdded - length;
            } else if (cmpFirst == 0) {
                return entriesAdded - length + 1;
            }
        }
        return StreamGroup.INVALID_ENTRIES_READ;
    }

    /** A group's lag as XINFO reports it (streamReplyWithCGLag), or null when unknown. */
    public Long lag(StreamGroup group) {
        if (entriesAdded == 0) {
            return 0L;
        }
        if (group.entriesRead != StreamGroup.INVALID_ENTRIES_READ && !rangeHasTombstones(group.lastId, null)) {
            return entriesAdded - group.entriesRead;
        }
        long read = estimateDistanceFromFirstEverEntry(group.lastId);
        return read == StreamGroup.INVALID_ENTRIES_READ ? null : entriesAdded - read;
    }

    // ---- RDB ---------------------------------------------------------------------------------

    /** The nodes in order, as the RDB writer encodes them. */
    public List<NodeView> nodeViews() {
        List<NodeView> views = new ArrayList<>(nodes.size());
        for (Map.Entry<StreamId, Node> e : nodes.entrySet()) {
            Node n = e.getValue();
            views.add(new NodeView(e.getKey(), n.masterFields, n.ids, n.values, n.deleted, n.live));
        }
        return views;
    }

    /**
     * Adds a node read from an RDB after the ones already loaded: entries in increasing id
     * order after every id already held, at least one of them live. {@code listpackBytes} is
     * the size of the listpack it came from. Metadata is set afterwards by {@link #restore}.
     */
    public void loadNode(byte[][] masterFields, List<StreamId> ids, List<byte[][]> values, BitSet deleted,
                         long listpackBytes) {
        if (ids.isEmpty() || ids.size() != values.size()) {
            throw new IllegalArgumentException("a stream node needs entries");
        }
        Map.Entry<StreamId, Node> tail = nodes.lastEntry();
        StreamId previous = tail == null ? null : tail.getValue().ids.get(tail.getValue().ids.size() - 1);
        for (StreamId id : ids) {
            if (previous != null && id.compareTo(previous) <= 0) {
                throw new IllegalArgumentException("stream entry ids out of order at " + id);
            }
            previous = id;
        }
        Node node = new Node(masterFields);
        node.ids.addAll(ids);
        node.values.addAll(values);
        node.deleted.or(deleted);
        node.live = ids.size() - deleted.cardinality();
        if (node.live <= 0) {
            throw new IllegalArgumentException("a stream node with no live entry");
        }
        node.listpackBytes = listpackBytes;
        nodes.put(ids.get(0), node);
        length += node.live;
        slots += ids.size();
        for (byte[][] v : values) {
            elements += v.length;
            for (byte[] element : v) {
                payloadBytes += element.length;
            }
        }
    }

    /** Sets the metadata an RDB carries once its nodes are loaded. */
    public void restore(StreamId lastId, StreamId firstId, StreamId maxDeletedId, long entriesAdded) {
        this.lastId = lastId;
        this.firstId = firstId;
        this.maxDeletedId = maxDeletedId;
        this.entriesAdded = entriesAdded;
    }

    /** A deep copy (COPY). */
    public StreamValue copy() {
        StreamValue copy = new StreamValue();
        for (Map.Entry<StreamId, Node> e : nodes.entrySet()) {
            Node n = e.getValue();
            List<byte[][]> values = new ArrayList<>(n.values.size());
            for (byte[][] v : n.values) {
                byte[][] c = new byte[v.length][];
                for (int i = 0; i < v.length; i++) {
                    c[i] = v[i].clone();
                }
                values.add(c);
            }
            copy.loadNode(n.masterFields, n.ids, values, n.deleted, n.listpackBytes);
        }
        copy.restore(lastId, firstId, maxDeletedId, entriesAdded);
        for (Map.Entry<Bytes, StreamGroup> g : groups.entrySet()) {
            copy.groups.put(g.getKey(), g.getValue().copy());
        }
        return copy;
    }

    private static byte[][] fieldsOf(byte[][] fieldsAndValues) {
        byte[][] fields = new byte[fieldsAndValues.length / 2][];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fieldsAndValues[2 * i];
        }
        return fields;
    }
}
