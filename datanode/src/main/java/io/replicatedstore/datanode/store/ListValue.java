package io.replicatedstore.datanode.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A Redis list: a growable ring buffer of byte[] elements. A ring buffer (rather than ArrayDeque)
 * gives O(1) pushes/pops at both ends plus O(1) index access for LINDEX/LSET/LRANGE; middle
 * inserts/removes shift the shorter side. Indexes are 0-based and already normalized; use
 * {@link #normalizeIndex} / {@link #normalizeRange} to translate Redis's negative indexes.
 * Elements are stored without copying. Single-threaded.
 */
public final class ListValue implements Iterable<byte[]> {
    private static final int MIN_CAPACITY = 4;
    /** Listpack header (4-byte total length + 2-byte count) plus the 1-byte terminator. */
    private static final int LISTPACK_OVERHEAD = 7;
    /** Redis's per-node byte cap for positive list-max-listpack-size (SIZE_SAFETY_LIMIT). */
    private static final int SIZE_SAFETY_LIMIT = 8192;
    /** Byte limits for list-max-listpack-size -1..-5. */
    private static final int[] SIZE_LIMITS = {4096, 8192, 16384, 32768, 65536};

    private byte[][] buf = new byte[MIN_CAPACITY][]; // capacity is always a power of two
    private int head;
    private int size;
    /** Sum of estimated listpack entry sizes, kept current so encoding checks are O(1). */
    private long entryBytes;
    /** Sum of the elements' lengths, for the heap estimate. */
    private long payloadBytes;
    /** Sticky: once a list became a quicklist it stays one. */
    private boolean quicklist;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    // ---- index helpers -------------------------------------------------------------------------

    /** Redis index (negative counts from the tail) to a 0-based index, or -1 if out of range. */
    public static int normalizeIndex(long index, int size) {
        if (index < 0) {
            index += size;
        }
        return index < 0 || index >= size ? -1 : (int) index;
    }

    /**
     * Redis LRANGE/LTRIM/ZRANGE start..stop (inclusive, negatives from the tail) to a clamped
     * 0-based {@code {start, stop}} pair, or null when the range is empty.
     */
    public static int[] normalizeRange(long start, long stop, int size) {
        if (start < 0) {
            start = Math.max(0, start + size);
        }
        if (stop < 0) {
            stop += size;
        }
        if (stop >= size) {
            stop = size - 1L;
        }
        if (start > stop || start >= size) {
            return null;
        }
        return new int[] {(int) start, (int) stop};
    }

    // ---- access --------------------------------------------------------------------------------

    private int slot(int index) {
        return (head + index) & (buf.length - 1);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " size " + size);
        }
    }

    public byte[] get(int index) {
        checkIndex(index);
        return buf[slot(index)];
    }

    /** Replaces the element at {@code index}, returning the old one. */
    public byte[] set(int index, byte[] value) {
        checkIndex(index);
        int s = slot(index);
        byte[] old = buf[s];
        buf[s] = value;
        entryBytes += listpackEntrySize(value) - listpackEntrySize(old);
        payloadBytes += value.length - old.length;
        return old;
    }

    public void pushFirst(byte[] value) {
        ensureCapacity(size + 1);
        head = (head - 1) & (buf.length - 1);
        buf[head] = value;
        size++;
        entryBytes += listpackEntrySize(value);
        payloadBytes += value.length;
    }

    public void pushLast(byte[] value) {
        ensureCapacity(size + 1);
        buf[slot(size)] = value;
        size++;
        entryBytes += listpackEntrySize(value);
        payloadBytes += value.length;
    }

    /** Removes and returns the head element, or null when empty. */
    public byte[] popFirst() {
        if (size == 0) {
            return null;
        }
        byte[] v = buf[head];
        buf[head] = null;
        head = (head + 1) & (buf.length - 1);
        size--;
        entryBytes -= listpackEntrySize(v);
        payloadBytes -= v.length;
        maybeShrink();
        return v;
    }

    /** Removes and returns the tail element, or null when empty. */
    public byte[] popLast() {
        if (size == 0) {
            return null;
        }
        int s = slot(size - 1);
        byte[] v = buf[s];
        buf[s] = null;
        size--;
        entryBytes -= listpackEntrySize(v);
        payloadBytes -= v.length;
        maybeShrink();
        return v;
    }

    /** Inserts {@code value} before position {@code index} (index == size appends). */
    public void insert(int index, byte[] value) {
        if (index < 0 || index > size) {
            throw new IndexOutOfBoundsException("index " + index + " size " + size);
        }
        ensureCapacity(size + 1);
        int mask = buf.length - 1;
        if (index < size / 2) {
            // Shift the head side one slot left.
            head = (head - 1) & mask;
            for (int i = 0; i < index; i++) {
                buf[slot(i)] = buf[slot(i + 1)];
            }
        } else {
            for (int i = size; i > index; i--) {
                buf[slot(i)] = buf[slot(i - 1)];
            }
        }
        buf[slot(index)] = value;
        size++;
        entryBytes += listpackEntrySize(value);
        payloadBytes += value.length;
    }

    /** Removes and returns the element at {@code index}, shifting the shorter side. */
    public byte[] remove(int index) {
        checkIndex(index);
        byte[] v = buf[slot(index)];
        if (index < size / 2) {
            for (int i = index; i > 0; i--) {
                buf[slot(i)] = buf[slot(i - 1)];
            }
            buf[head] = null;
            head = (head + 1) & (buf.length - 1);
        } else {
            for (int i = index; i < size - 1; i++) {
                buf[slot(i)] = buf[slot(i + 1)];
            }
            buf[slot(size - 1)] = null;
        }
        size--;
        entryBytes -= listpackEntrySize(v);
        payloadBytes -= v.length;
        maybeShrink();
        return v;
    }

    /** Copies elements {@code start..stop} (inclusive, 0-based, in range) into a new list. */
    public List<byte[]> range(int start, int stop) {
        if (start > stop) {
            return new ArrayList<>(0);
        }
        checkIndex(start);
        checkIndex(stop);
        List<byte[]> out = new ArrayList<>(stop - start + 1);
        for (int i = start; i <= stop; i++) {
            out.add(buf[slot(i)]);
        }
        return out;
    }

    /** LTRIM: keeps only {@code start..stop} (inclusive, 0-based); start > stop empties the list. */
    public void trim(int start, int stop) {
        if (start > stop || start >= size || stop < 0) {
            clear();
            return;
        }
        start = Math.max(0, start);
        stop = Math.min(size - 1, stop);
        for (int i = 0; i < start; i++) {
            int s = slot(i);
            entryBytes -= listpackEntrySize(buf[s]);
            payloadBytes -= buf[s].length;
            buf[s] = null;
        }
        for (int i = stop + 1; i < size; i++) {
            int s = slot(i);
            entryBytes -= listpackEntrySize(buf[s]);
            payloadBytes -= buf[s].length;
            buf[s] = null;
        }
        head = slot(start);
        size = stop - start + 1;
        maybeShrink();
    }

    /**
     * LREM: removes elements equal to {@code value}: the first {@code count} from the head if
     * count > 0, the last {@code -count} from the tail if count < 0, all if 0. Returns the number
     * removed. One compacting pass, O(n).
     */
    public int removeOccurrences(byte[] value, long count) {
        long limit = count > 0 ? count : count == 0 || count == Long.MIN_VALUE ? Long.MAX_VALUE : -count;
        int removed = 0;
        if (count >= 0) {
            int w = 0;
            for (int r = 0; r < size; r++) {
                byte[] e = buf[slot(r)];
                if (removed < limit && Arrays.equals(e, value)) {
                    removed++;
                    entryBytes -= listpackEntrySize(e);
                    payloadBytes -= e.length;
                } else {
                    buf[slot(w++)] = e;
                }
            }
            for (int i = w; i < size; i++) {
                buf[slot(i)] = null;
            }
        } else {
            int w = size - 1;
            for (int r = size - 1; r >= 0; r--) {
                byte[] e = buf[slot(r)];
                if (removed < limit && Arrays.equals(e, value)) {
                    removed++;
                    entryBytes -= listpackEntrySize(e);
                    payloadBytes -= e.length;
                } else {
                    buf[slot(w--)] = e;
                }
            }
            for (int i = 0; i <= w; i++) {
                buf[slot(i)] = null;
            }
            head = slot(w + 1);
        }
        size -= removed;
        maybeShrink();
        return removed;
    }

    public void clear() {
        buf = new byte[MIN_CAPACITY][];
        head = 0;
        size = 0;
        entryBytes = 0;
        payloadBytes = 0;
    }

    @Override
    public Iterator<byte[]> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < size;
            }

            @Override
            public byte[] next() {
                if (i >= size) {
                    throw new NoSuchElementException();
                }
                return buf[slot(i++)];
            }
        };
    }

    private void ensureCapacity(int needed) {
        if (needed > buf.length) {
            resize(Integer.highestOneBit(needed - 1) << 1);
        }
    }

    /** Halve when a quarter full so a list that grew and then drained gives memory back. */
    private void maybeShrink() {
        if (buf.length > MIN_CAPACITY && size <= buf.length / 4) {
            resize(Math.max(MIN_CAPACITY, buf.length / 2));
        }
    }

    private void resize(int capacity) {
        byte[][] next = new byte[capacity][];
        for (int i = 0; i < size; i++) {
            next[i] = buf[slot(i)];
        }
        buf = next;
        head = 0;
    }

    // ---- encoding / memory ---------------------------------------------------------------------

    /** Estimated listpack bytes of the whole list (header + entries + terminator). */
    long listpackBytes() {
        return LISTPACK_OVERHEAD + entryBytes;
    }

    /**
     * Call after every mutation: a list that outgrows one listpack node becomes a quicklist for
     * good (Redis does not convert back in the semantics we follow).
     */
    public void updateEncoding(int listMaxListpackSize) {
        if (!quicklist && exceedsNodeLimit(listMaxListpackSize)) {
            quicklist = true;
        }
    }

    public boolean isListpackEncoded(int listMaxListpackSize) {
        return !quicklist && !exceedsNodeLimit(listMaxListpackSize);
    }

    /** What OBJECT ENCODING reports: "listpack" or "quicklist". */
    public String encoding(int listMaxListpackSize) {
        return isListpackEncoded(listMaxListpackSize) ? "listpack" : "quicklist";
    }

    /** Redis's quicklistNodeExceedsLimit: negative fill = byte budget, positive = entry count. */
    private boolean exceedsNodeLimit(int fill) {
        long bytes = listpackBytes();
        if (fill < 0) {
            return bytes > SIZE_LIMITS[Math.min(-fill, SIZE_LIMITS.length) - 1];
        }
        return bytes > SIZE_SAFETY_LIMIT || size > Math.max(1, fill);
    }

    /** This list's bytes on the JVM heap (see docs/memory.md): object, slot array, element arrays. */
    public long heapBytes() {
        return 40 + MemoryEstimate.referenceArray(buf.length) + MemoryEstimate.byteArrays(size, payloadBytes);
    }

    /** Rough MEMORY USAGE: object header + listpack bytes, plus quicklist node overhead. */
    public long memoryUsage() {
        long bytes = 16 + listpackBytes();
        if (quicklist) {
            long nodes = Math.max(1, (entryBytes + SIZE_SAFETY_LIMIT - 1) / SIZE_SAFETY_LIMIT);
            bytes += 40 + nodes * (32 + LISTPACK_OVERHEAD);
        }
        return bytes;
    }

    /** Bytes one element takes in a listpack: encoding header + payload + back-length. */
    static int listpackEntrySize(byte[] v) {
        if (Bytes.isCanonicalLong(v)) {
            long x = Bytes.canonicalLongValue(v);
            int enc;
            if (x >= 0 && x <= 127) {
                enc = 1;
            } else if (x >= -4096 && x <= 4095) {
                enc = 2;
            } else if (x >= Short.MIN_VALUE && x <= Short.MAX_VALUE) {
                enc = 3;
            } else if (x >= -(1 << 23) && x < (1 << 23)) {
                enc = 4;
            } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
                enc = 5;
            } else {
                enc = 9;
            }
            return enc + 1;
        }
        int len = v.length;
        int enc = (len < 64 ? 1 : len < 4096 ? 2 : 5) + len;
        int backlen = enc <= 127 ? 1 : enc < 16383 ? 2 : enc < 2097151 ? 3 : enc < 268435455 ? 4 : 5;
        return enc + backlen;
    }
}
