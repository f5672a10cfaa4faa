package io.replicatedstore.datanode.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A Redis set of binary-safe members. A HashMap gives O(1) membership; every member also sits in
 * a dense array (swap-remove) so SRANDMEMBER/SPOP pick uniformly in O(1) and SSCAN can use array
 * positions as cursors (same guarantee as {@link HashValue#scan}).
 *
 * <p>While "intset"-encoded, iteration and SSCAN yield members in ascending numeric order, as
 * Redis's sorted intset does (sorting at most set-max-intset-entries members on demand).
 * Members are stored without copying. Single-threaded.
 */
public final class SetValue implements Iterable<byte[]> {
    private static final Comparator<byte[]> NUMERIC =
            Comparator.comparingLong(Bytes::canonicalLongValue);

    private final HashMap<Bytes, int[]> map = new HashMap<>(); // member -> {position in dense}
    private byte[][] dense = new byte[4][];
    private int size;
    /** Sticky: once converted to "hashtable" a set never goes back (as in Redis 7.0). */
    private boolean hashtable;
    /** A member that is not a canonical integer was added while intset-encoded. */
    private boolean nonIntegerWritten;
    private long payloadBytes;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean contains(byte[] member) {
        return map.containsKey(Bytes.of(member));
    }

    /** Adds member; returns true if it was new. The array is retained, not copied. */
    public boolean add(byte[] member) {
        Bytes key = Bytes.of(member);
        if (map.containsKey(key)) {
            return false;
        }
        if (!hashtable && !nonIntegerWritten && !Bytes.isCanonicalLong(member)) {
            nonIntegerWritten = true;
        }
        if (size == dense.length) {
            dense = Arrays.copyOf(dense, size * 2);
        }
        map.put(key, new int[] {size});
        dense[size++] = member;
        payloadBytes += member.length;
        return true;
    }

    /** Removes member; returns true if it was present. */
    public boolean remove(byte[] member) {
        int[] pos = map.remove(Bytes.of(member));
        if (pos == null) {
            return false;
        }
        removeAt(pos[0]);
        return true;
    }

    /** Swap-remove: only the last member moves, and only toward the start (see HashValue#scan). */
    private byte[] removeAt(int pos) {
        byte[] removed = dense[pos];
        int last = --size;
        if (pos != last) {
            dense[pos] = dense[last];
            map.get(Bytes.of(dense[pos]))[0] = pos;
        }
        dense[last] = null;
        payloadBytes -= removed.length;
        if (dense.length > 8 && size <= dense.length / 4) {
            dense = Arrays.copyOf(dense, dense.length / 2);
        }
        return removed;
    }

    /** A uniformly random member in O(1), or null when empty. */
    public byte[] randomMember(RandomGenerator rnd) {
        return size == 0 ? null : dense[rnd.nextInt(size)];
    }

    /** SPOP: removes and returns a uniformly random member, or null when empty. */
    public byte[] popRandom(RandomGenerator rnd) {
        if (size == 0) {
            return null;
        }
        int pos = rnd.nextInt(size);
        map.remove(Bytes.of(dense[pos]));
        return removeAt(pos);
    }

    /** {@code count} distinct random members (SRANDMEMBER positive count); all if count >= size. */
    public List<byte[]> randomDistinctMembers(int count, RandomGenerator rnd) {
        if (count >= size) {
            return members();
        }
        int[] idx = HashValue.sampleDistinct(size, count, rnd);
        List<byte[]> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(dense[i]);
        }
        return out;
    }

    /** All members in iteration order (ascending numeric while intset-encoded). */
    public List<byte[]> members() {
        return Arrays.asList(ordered());
    }

    public void forEach(Consumer<? super byte[]> visitor) {
        for (byte[] m : ordered()) {
            visitor.accept(m);
        }
    }

    @Override
    public Iterator<byte[]> iterator() {
        return members().iterator();
    }

    private byte[][] ordered() {
        byte[][] copy = Arrays.copyOf(dense, size);
        if (allIntegers()) {
            Arrays.sort(copy, NUMERIC);
        }
        return copy;
    }

    /** True while every member is a canonical integer (so numeric order is defined). */
    private boolean allIntegers() {
        return !hashtable && !nonIntegerWritten;
    }

    /** SSCAN step; cursor 0 starts and a returned 0 ends. Intset: everything in one call. */
    public long scan(long cursor, int count, Consumer<byte[]> visitor) {
        if (!hashtable) {
            forEach(visitor);
            return 0;
        }
        int[] window = HashValue.scanWindow(cursor, count, size);
        for (int i = window[1] - 1; i >= window[0]; i--) {
            visitor.accept(dense[i]);
        }
        return window[0];
    }

    // ---- encoding / memory ---------------------------------------------------------------------

    /**
     * Call after each mutation with set-max-intset-entries: converts (for good) to "hashtable" once
     * a non-integer member was added or the set outgrew the limit.
     */
    public void updateEncoding(int maxIntsetEntries) {
        if (!hashtable && (nonIntegerWritten || size > maxIntsetEntries)) {
            hashtable = true;
        }
    }

    /** What OBJECT ENCODING reports: "intset" or "hashtable". */
    public String encoding() {
        return hashtable ? "hashtable" : "intset";
    }

    /**
     * This set's bytes on the JVM heap (see docs/memory.md): the object, its HashMap and dense
     * array, and per member a map node, a Bytes key, a one-int position array and the member.
     */
    public long heapBytes() {
        return 40 + MemoryEstimate.hashMap(size) + MemoryEstimate.referenceArray(dense.length)
                + size * (MemoryEstimate.HASH_MAP_NODE + MemoryEstimate.BYTES_KEY + 24L)
                + MemoryEstimate.byteArrays(size, payloadBytes);
    }

    /** Rough MEMORY USAGE: intset header + fixed-width integers, or dict + entries + sds strings. */
    public long memoryUsage() {
        if (allIntegers()) {
            int width = 2;
            for (int i = 0; i < size; i++) {
                long v = Bytes.canonicalLongValue(dense[i]);
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    width = 8;
                    break;
                }
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    width = 4;
                }
            }
            return 16 + 8 + (long) size * width;
        }
        // Also used for a not-yet-converted set holding a non-integer: estimate it as a hashtable.
        long buckets = Long.highestOneBit(Math.max(4, size) * 2L - 1);
        return 16 + 56 + buckets * 8 + size * (24L + 4) + payloadBytes;
    }
}
