package io.replicatedstore.datanode.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/**
 * The keyspace's hash table: byte[] keys, chained buckets in a power-of-two table, as Redis's
 * dict. Chaining (rather than open addressing) is what lets SCAN use Redis's reverse-binary
 * cursor, which visits every key present for the whole scan at least once even when the table
 * grows or shrinks between calls. One small node per key keeps memory close to Redis's.
 *
 * <p>Not thread safe: owned by the keyspace thread.
 */
public final class Dict<V> {

    private static final int MIN_CAPACITY = 4;
    private static final long SEED = ThreadLocalRandom.current().nextLong();

    /**
     * One entry. The two ints fit in the object's padding (12-byte header + three compressed
     * references + two ints = 32 bytes, what the three references alone round up to).
     */
    static final class Node<V> {
        final byte[] key;
        V value;
        Node<V> next;
        /** The key's access clock (Redis's robj lru field: 24-bit LRU seconds or LFU minutes + counter). */
        int clock;
        /** Bytes accounted for this entry, in 8-byte units (see {@link Sizer}). */
        int units;

        Node(byte[] key, V value, Node<V> next) {
            this.key = key;
            this.value = value;
            this.next = next;
        }
    }

    /**
     * Estimates the heap bytes an entry holds (node, key, value), for the incremental memory
     * accounting: {@link #bytes()} is the sum over entries plus the table itself.
     */
    public interface Sizer<V> {
        long bytes(byte[] key, V value);
    }

    /** Stamps a new entry's access clock (LRU time or LFU counter), and an overwritten one's. */
    public interface Clock {
        int stampNew();

        int stampOverwrite(int previous);
    }

    /** Told before a bucket's contents change, while a snapshot walks this table. */
    public interface BucketListener {
        void beforeBucketChange(Dict<?> dict, int bucket);
    }

    private Node<V>[] table;
    private int size;
    private boolean resizeAllowed = true;
    private BucketListener listener;
    private final Sizer<V> sizer;
    private Clock clock;
    /** Sum of the entries' accounted units. */
    private long units;

    public Dict() {
        this(null, null);
    }

    /** A table that accounts its entries' bytes with {@code sizer} and stamps them with {@code clock} (either may be null). */
    public Dict(Sizer<V> sizer, Clock clock) {
        this.sizer = sizer;
        this.clock = clock;
        table = newTable(MIN_CAPACITY);
    }

    /** Stamps new entries with another keyspace's clock (a table loaded aside and then adopted). */
    void clock(Clock newClock) {
        this.clock = newClock;
    }

    /** Accounted bytes: every entry's estimate plus the bucket array (16-byte header, 4-byte slots). */
    public long bytes() {
        return units * 8 + 16 + 4L * table.length;
    }

    private int unitsOf(byte[] key, V value) {
        if (sizer == null) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, (sizer.bytes(key, value) + 7) >>> 3);
    }

    private Node<V> newNode(byte[] key, V value, Node<V> next) {
        Node<V> node = new Node<>(key, value, next);
        node.units = unitsOf(key, value);
        units += node.units;
        if (clock != null) {
            node.clock = clock.stampNew();
        }
        return node;
    }

    private void setValue(Node<V> node, V value) {
        node.value = value;
        int updated = unitsOf(node.key, value);
        units += updated - node.units;
        node.units = updated;
        if (clock != null) {
            node.clock = clock.stampOverwrite(node.clock);
        }
    }

    /**
     * Measures a key's entry again after its value changed in place (a hash that got a field),
     * so the accounted bytes follow the value; returns the change in bytes.
     */
    public long reaccount(byte[] key) {
        Node<V> node = find(key);
        if (node == null) {
            return 0;
        }
        int updated = unitsOf(node.key, node.value);
        int delta = updated - node.units;
        units += delta;
        node.units = updated;
        return delta * 8L;
    }

    /** The entry of a key, or null (for the access clock). */
    Node<V> node(byte[] key) {
        return find(key);
    }

    @SuppressWarnings("unchecked")
    private static <V> Node<V>[] newTable(int capacity) {
        return (Node<V>[]) new Node[capacity];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public V get(byte[] key) {
        Node<V> node = find(key);
        return node == null ? null : node.value;
    }

    public boolean containsKey(byte[] key) {
        return find(key) != null;
    }

    /** Returns the key object stored in the table for an equal key, or null. */
    public byte[] storedKey(byte[] key) {
        Node<V> node = find(key);
        return node == null ? null : node.key;
    }

    private Node<V> find(byte[] key) {
        if (size == 0) {
            return null;
        }
        for (Node<V> n = table[hash(key) & (table.length - 1)]; n != null; n = n.next) {
            if (Arrays.equals(n.key, key)) {
                return n;
            }
        }
        return null;
    }

    /** Sets the value of a key, adding it if absent; returns the previous value or null. */
    public V put(byte[] key, V value) {
        int index = hash(key) & (table.length - 1);
        if (listener != null) {
            listener.beforeBucketChange(this, index);
        }
        for (Node<V> n = table[index]; n != null; n = n.next) {
            if (Arrays.equals(n.key, key)) {
                V old = n.value;
                setValue(n, value);
                return old;
            }
        }
        table[index] = newNode(key, value, table[index]);
        size++;
        if (size > table.length && resizeAllowed) {
            resize(table.length * 2);
        }
        return null;
    }

    /** Adds a key that must be new: one walk of its bucket. Returns the present value instead if there is one. */
    public V putIfAbsent(byte[] key, V value) {
        int index = hash(key) & (table.length - 1);
        for (Node<V> n = table[index]; n != null; n = n.next) {
            if (Arrays.equals(n.key, key)) {
                return n.value;
            }
        }
        if (listener != null) {
            listener.beforeBucketChange(this, index);
        }
        table[index] = newNode(key, value, table[index]);
        size++;
        if (size > table.length && resizeAllowed) {
            resize(table.length * 2);
        }
        return null;
    }

    public V remove(byte[] key) {
        if (size == 0) {
            return null;
        }
        int index = hash(key) & (table.length - 1);
        if (listener != null) {
            listener.beforeBucketChange(this, index);
        }
        Node<V> prev = null;
        for (Node<V> n = table[index]; n != null; prev = n, n = n.next) {
            if (Arrays.equals(n.key, key)) {
                if (prev == null) {
                    table[index] = n.next;
                } else {
                    prev.next = n.next;
                }
                size--;
                units -= n.units;
                shrinkIfSparse();
                return n.value;
            }
        }
        return null;
    }

    public void clear() {
        if (listener != null) {
            for (int i = 0; i < table.length; i++) {
                listener.beforeBucketChange(this, i);
            }
        }
        table = newTable(MIN_CAPACITY);
        size = 0;
        units = 0;
    }

    /**
     * Stops or resumes resizing. A point-in-time snapshot walks buckets in order and must not
     * see keys move between buckets it has and has not serialised.
     */
    private void setResizeAllowed(boolean allowed) {
        this.resizeAllowed = allowed;
        if (allowed && size > table.length) {
            resize(Integer.highestOneBit(size) * 2);
        }
    }

    /**
     * Attaches a listener (a snapshot) and freezes the table's size, so every key stays in its
     * bucket until {@link #detach()}; null-safe to call again with the same listener.
     */
    public void attach(BucketListener bucketListener) {
        this.listener = bucketListener;
        this.resizeAllowed = false;
    }

    public void detach() {
        this.listener = null;
        setResizeAllowed(true);
    }

    /** The bucket a key lives in (while the table size is frozen). */
    public int bucketOf(byte[] key) {
        return hash(key) & (table.length - 1);
    }

    /** Visits the entries of one bucket. */
    public void forEachInBucket(int bucket, BiConsumer<byte[], V> action) {
        for (Node<V> n = table[bucket]; n != null; n = n.next) {
            action.accept(n.key, n.value);
        }
    }

    public void forEach(BiConsumer<byte[], V> action) {
        for (Node<V> head : table) {
            for (Node<V> n = head; n != null; n = n.next) {
                action.accept(n.key, n.value);
            }
        }
    }

    /**
     * Visits one bucket and returns the next cursor, 0 when the scan is complete: Redis's
     * dictScan reverse-binary cursor, which survives resizes between calls.
     */
    public long scan(long cursor, BiConsumer<byte[], V> visitor) {
        if (size == 0) {
            return 0;
        }
        int mask = table.length - 1;
        long v = cursor;
        for (Node<V> n = table[(int) (v & mask)]; n != null; n = n.next) {
            visitor.accept(n.key, n.value);
        }
        v |= ~(long) mask;
        v = Long.reverse(v);
        v++;
        v = Long.reverse(v);
        return v;
    }

    /** A random key, or null when empty: a random non-empty bucket, then a random node in it. */
    public byte[] randomKey() {
        if (size == 0) {
            return null;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int mask = table.length - 1;
        Node<V> head;
        do {
            head = table[random.nextInt() & mask];
        } while (head == null);
        int length = 0;
        for (Node<V> n = head; n != null; n = n.next) {
            length++;
        }
        Node<V> pick = head;
        for (int skip = random.nextInt(length); skip > 0; skip--) {
            pick = pick.next;
        }
        return pick.key;
    }

    /**
     * Up to {@code count} entries from random buckets, as Redis's dictGetSomeKeys: a random
     * start, then consecutive buckets, so a sample costs about {@code count} bucket reads.
     * A long run of empty buckets in a large table makes it jump elsewhere (entries may then
     * repeat); a table of at most 64 buckets is walked in order, so asking for every entry gets
     * each one once.
     */
    int sample(int count, Node<V>[] out) {
        if (size == 0) {
            return 0;
        }
        int wanted = Math.min(count, Math.min(size, out.length));
        int mask = table.length - 1;
        int index = ThreadLocalRandom.current().nextInt() & mask;
        int found = 0;
        int emptyRun = 0;
        for (int steps = 0; found < wanted && steps < wanted * 10 + table.length; steps++) {
            Node<V> head = table[index];
            if (head == null) {
                // A long run of empty buckets: jump somewhere else, as Redis does.
                if (++emptyRun >= 5 && emptyRun > wanted && table.length > 64) {
                    index = ThreadLocalRandom.current().nextInt() & mask;
                    emptyRun = 0;
                    continue;
                }
            } else {
                emptyRun = 0;
                for (Node<V> n = head; n != null && found < wanted; n = n.next) {
                    out[found++] = n;
                }
            }
            index = (index + 1) & mask;
        }
        return found;
    }

    /** Number of buckets (for INFO-style statistics and tests). */
    public int capacity() {
        return table.length;
    }

    /**
     * Grows the table ahead of {@code expected} entries (an RDB's RESIZEDB, as Redis's dictExpand),
     * so a load does not rehash every key again at each doubling. Never shrinks.
     */
    public void expand(int expected) {
        if (resizeAllowed && listener == null && expected > table.length) {
            resize(Integer.highestOneBit(expected - 1) << 1);
        }
    }

    private void shrinkIfSparse() {
        // Shrink below 10% fill, as Redis does, so a table emptied by deletes gives memory back.
        if (resizeAllowed && table.length > MIN_CAPACITY && size * 10L < table.length) {
            resize(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(size, 1)) * 2));
        }
    }

    private void resize(int capacity) {
        Node<V>[] old = table;
        Node<V>[] grown = newTable(capacity);
        int mask = capacity - 1;
        for (Node<V> head : old) {
            Node<V> n = head;
            while (n != null) {
                Node<V> next = n.next;
                int index = hash(n.key) & mask;
                n.next = grown[index];
                grown[index] = n;
                n = next;
            }
        }
        table = grown;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    /**
     * A seeded hash over the key bytes, eight at a time (a multiply-xorshift mix per word, then
     * murmur3's finaliser), so long keys do not cost a multiply per byte.
     */
    static int hash(byte[] key) {
        long h = SEED ^ key.length;
        int i = 0;
        for (int end = key.length - 7; i < end; i += 8) {
            h = (h ^ (long) LONGS.get(key, i)) * MULTIPLIER;
            h ^= h >>> 29;
        }
        long tail = 0;
        for (int shift = 0; i < key.length; i++, shift += 8) {
            tail |= (key[i] & 0xffL) << shift;
        }
        h = (h ^ tail) * MULTIPLIER;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }
}
