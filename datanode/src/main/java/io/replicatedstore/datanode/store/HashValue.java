package io.replicatedstore.datanode.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * A Redis hash. A HashMap gives O(1) lookups; every entry also sits in a dense array so
 * HRANDFIELD can pick uniformly in O(1) and HSCAN can use array positions as cursors.
 *
 * <p>While listpack-encoded (small) removals shift the array, so iteration order is insertion
 * order exactly like Redis's listpack; once "hashtable" removals swap the last entry into the hole.
 * Fields and values are stored without copying. Single-threaded.
 */
public final class HashValue implements Iterable<HashValue.Entry> {
    /** A field/value pair; valid until the field is removed. */
    public static final class Entry {
        final byte[] field;
        byte[] value;
        int pos; // index in dense

        Entry(byte[] field, byte[] value) {
            this.field = field;
            this.value = value;
        }

        public byte[] field() {
            return field;
        }

        public byte[] value() {
            return value;
        }
    }

    private final HashMap<Bytes, Entry> map = new HashMap<>();
    private Entry[] dense = new Entry[4];
    private int size;
    /** Sticky: once converted to "hashtable" a hash never goes back (as in Redis). */
    private boolean hashtable;
    /** Longest field or value written while still listpack; checked by updateEncoding. */
    private int maxLenWritten;
    /** Sum of field and value lengths, for memoryUsage. */
    private long payloadBytes;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public byte[] get(byte[] field) {
        Entry e = map.get(Bytes.of(field));
        return e == null ? null : e.value;
    }

    public Entry entry(byte[] field) {
        return map.get(Bytes.of(field));
    }

    public boolean contains(byte[] field) {
        return map.containsKey(Bytes.of(field));
    }

    /** Sets field to value; returns true if the field is new. Arrays are retained, not copied. */
    public boolean put(byte[] field, byte[] value) {
        if (!hashtable) {
            maxLenWritten = Math.max(maxLenWritten, Math.max(field.length, value.length));
        }
        Entry e = map.get(Bytes.of(field));
        if (e != null) {
            payloadBytes += value.length - e.value.length;
            e.value = value;
            return false;
        }
        e = new Entry(field, value);
        map.put(Bytes.of(field), e);
        if (size == dense.length) {
            dense = Arrays.copyOf(dense, size * 2);
        }
        e.pos = size;
        dense[size++] = e;
        payloadBytes += field.length + value.length;
        return true;
    }

    /** Removes field; returns true if it existed. */
    public boolean remove(byte[] field) {
        Entry e = map.remove(Bytes.of(field));
        if (e == null) {
            return false;
        }
        payloadBytes -= e.field.length + e.value.length;
        int pos = e.pos;
        int last = --size;
        if (!hashtable) {
            // Listpack semantics: keep insertion order (small, so the O(n) shift is cheap).
            for (int i = pos; i < last; i++) {
                dense[i] = dense[i + 1];
                dense[i].pos = i;
            }
        } else if (pos != last) {
            // Swap-remove: only the last entry moves, and only toward the start (see scan).
            dense[pos] = dense[last];
            dense[pos].pos = pos;
        }
        dense[last] = null;
        if (dense.length > 8 && size <= dense.length / 4) {
            dense = Arrays.copyOf(dense, dense.length / 2);
        }
        return true;
    }

    /** Iterates entries (insertion order while listpack-encoded). Don't mutate while iterating. */
    public void forEach(BiConsumer<byte[], byte[]> visitor) {
        for (int i = 0; i < size; i++) {
            visitor.accept(dense[i].field, dense[i].value);
        }
    }

    @Override
    public Iterator<Entry> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < size;
            }

            @Override
            public Entry next() {
                if (i >= size) {
                    throw new NoSuchElementException();
                }
                return dense[i++];
            }
        };
    }

    /** A uniformly random entry in O(1), or null when empty (HRANDFIELD without count). */
    public Entry randomEntry(RandomGenerator rnd) {
        return size == 0 ? null : dense[rnd.nextInt(size)];
    }

    /**
     * {@code count} distinct random entries (HRANDFIELD with positive count). If count >= size
     * all entries are returned in iteration order, as Redis does.
     */
    public List<Entry> randomDistinctEntries(int count, RandomGenerator rnd) {
        int[] idx = sampleDistinct(size, count, rnd);
        List<Entry> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(dense[i]);
        }
        return out;
    }

    /**
     * HSCAN step. Cursor 0 starts, a returned 0 ends. While listpack-encoded everything is
     * returned in one call (like Redis). Otherwise the cursor c means "positions [0, c) not yet
     * visited" and each call visits the top {@code count} of them, walking from the end. Because
     * swap-remove only ever moves the last entry down into a hole, an entry present for the whole
     * scan can never jump from the unvisited prefix into the visited suffix: it is returned at
     * least once. Entries added mid-scan may or may not be returned; some may repeat.
     */
    public long scan(long cursor, int count, BiConsumer<byte[], byte[]> visitor) {
        if (!hashtable) {
            forEach(visitor);
            return 0;
        }
        int[] window = scanWindow(cursor, count, size);
        for (int i = window[1] - 1; i >= window[0]; i--) {
            visitor.accept(dense[i].field, dense[i].value);
        }
        return window[0];
    }

    /** Shared cursor arithmetic for the dense-array scans: {@code {low, high}} positions to visit. */
    static int[] scanWindow(long cursor, int count, int size) {
        // 0 (start), anything past the end, or a negative (an unsigned cursor beyond 2^63) restarts
        // at the end, which is always safe: it only re-visits.
        int high = cursor <= 0 || cursor > size ? size : (int) cursor;
        int low = Math.max(0, high - Math.max(1, count));
        return new int[] {low, high};
    }

    /**
     * Picks {@code k} distinct indexes of {@code 0..n-1} uniformly (in random order), or all of
     * them in order if k >= n. Partial Fisher-Yates for large k, Floyd's algorithm for small k so
     * the cost is O(k) rather than O(n).
     */
    static int[] sampleDistinct(int n, int k, RandomGenerator rnd) {
        if (k >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        if (k <= 0) {
            return new int[0];
        }
        int[] out = new int[k];
        if ((long) k * 4 > n) {
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = 0; i < k; i++) {
                int j = i + rnd.nextInt(n - i);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
                out[i] = perm[i];
            }
            return out;
        }
        Set<Integer> chosen = new HashSet<>(k * 2);
        int w = 0;
        for (int j = n - k; j < n; j++) {
            int t = rnd.nextInt(j + 1);
            int pick = chosen.add(t) ? t : j;
            if (pick == j) {
                chosen.add(j);
            }
            out[w++] = pick;
        }
        // Floyd yields a uniform subset but not a uniform order; shuffle it.
        for (int i = k - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    // ---- encoding / memory ---------------------------------------------------------------------

    /**
     * Call after each mutation with hash-max-listpack-entries / hash-max-listpack-value: converts
     * (for good) to "hashtable" once too many entries or a too-long field/value was written.
     */
    public void updateEncoding(int maxEntries, int maxValue) {
        if (!hashtable && (size > maxEntries || maxLenWritten > maxValue)) {
            hashtable = true;
        }
    }

    /** What OBJECT ENCODING reports: "listpack" or "hashtable". */
    public String encoding() {
        return hashtable ? "hashtable" : "listpack";
    }

    /**
     * This hash's bytes on the JVM heap (see docs/memory.md): the object, its HashMap and dense
     * array, and per field a map node, a Bytes key, an Entry and two byte arrays.
     */
    public long heapBytes() {
        return 40 + MemoryEstimate.hashMap(size) + MemoryEstimate.referenceArray(dense.length)
                + size * (MemoryEstimate.HASH_MAP_NODE + MemoryEstimate.BYTES_KEY + 24L)
                + MemoryEstimate.byteArrays(2L * size, payloadBytes);
    }

    /** Rough MEMORY USAGE in Redis terms (listpack bytes, or dict + entries + sds strings). */
    public long memoryUsage() {
        if (!hashtable) {
            long lp = 16 + 7;
            for (int i = 0; i < size; i++) {
                lp += ListValue.listpackEntrySize(dense[i].field) + ListValue.listpackEntrySize(dense[i].value);
            }
            return lp;
        }
        long buckets = Long.highestOneBit(Math.max(4, size) * 2L - 1);
        return 16 + 56 + buckets * 8 + size * (24L + 2 * 4) + payloadBytes;
    }
}
