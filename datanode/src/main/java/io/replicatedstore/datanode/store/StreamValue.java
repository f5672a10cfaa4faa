package io.replicatedstore.datanode.store;

import java.util.ArrayList;
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

    /** A node, as a Redis listpack: entries in id order, some marked deleted. */
    private static final class Node {
        final ArrayList<StreamId> ids = new ArrayList<>();
        final ArrayList<byte[][]> values = new ArrayList<>(); // null once deleted
        final byte[][] masterFields;
        int live;
        long listpackBytes;

        Node(byte[][] firstEntry) {
            masterFields = fieldsOf(firstEntry);
        }
    }

    private final TreeMap<StreamId, Node> nodes = new TreeMap<>();
    private long length;
    private StreamId lastId = StreamId.MIN;
    private StreamId maxDeletedId = StreamId.MIN;
    private StreamId firstId = StreamId.MIN;
    private long entriesAdded;
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
            node = new Node(fieldsAndValues);
            node.listpackBytes = Listpacks.masterBytes(node.masterFields);
            nodes.put(id, node);
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
        if (index < 0 || node.values.get(index) == null) {
            return false;
        }
        forget(node.values.get(index));
        node.values.set(index, null);
        node.live--;
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

    private void dropNode(StreamId key, Node node) {
        nodes.remove(key);
        slots -= node.ids.size();
        for (byte[][] values : node.values) {
            if (values != null) {
                forget(values);
            }
        }
    }

    private StreamId firstLiveId() {
        for (Node node : nodes.values()) {
            for (int i = 0; i < node.ids.size(); i++) {
                if (node.values.get(i) != null) {
                    return node.ids.get(i);
                }
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
                byte[][] values = node.values.get(i);
                if (values != null) {
                    forget(values);
                    node.values.set(i, null);
                    node.live--;
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
                byte[][] values = node.values.get(i);
                if (values != null && id.compareTo(start) >= 0 && id.compareTo(end) <= 0) {
                    out.add(new Entry(id, values));
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
                + (length * 16 + elements * 4) + MemoryEstimate.byteArrays(elements, payloadBytes);
    }

    /** Rough MEMORY USAGE: the stream struct, a rax node per listpack, the listpacks' bytes. */
    public long memoryUsage() {
        long total = 16 + 64;
        for (Node node : nodes.values()) {
            total += 48 + node.listpackBytes;
        }
        return total;
    }

    private static byte[][] fieldsOf(byte[][] fieldsAndValues) {
        byte[][] fields = new byte[fieldsAndValues.length / 2][];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fieldsAndValues[2 * i];
        }
        return fields;
    }
}
