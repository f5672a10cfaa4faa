package io.replicatedstore.datanode.store;

/**
 * Heap bytes the keyspace's objects take on a 64-bit HotSpot JVM with compressed references
 * (heaps under 32 GB): 12-byte object headers, 4-byte references, arrays with a 16-byte header,
 * everything rounded up to 8 bytes. The figures are those of the classes in this package, and
 * docs/memory.md shows how they were checked against the heap a loaded dataset takes.
 */
public final class MemoryEstimate {

    /** A keyspace {@link Dict} entry: header, key, value, next, clock and accounted units. */
    public static final int DICT_NODE = 32;
    /** A boxed expiry time (a Long), what an expires entry holds besides its node. */
    public static final int BOXED_LONG = 16;
    /** java.util.HashMap.Node: header, hash, key, value, next. */
    public static final int HASH_MAP_NODE = 32;
    /** A {@link Bytes} wrapper used as a HashMap key: header, array reference, cached hash. */
    public static final int BYTES_KEY = 24;
    /** Average padding of a byte array rounded up to 8 bytes. */
    private static final double AVERAGE_PADDING = 3.5;

    private MemoryEstimate() {
    }

    public static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    /** One byte[] of {@code length}. */
    public static long byteArray(long length) {
        return align(16 + length);
    }

    /** {@code count} byte arrays holding {@code payload} bytes in all (average padding). */
    public static long byteArrays(long count, long payload) {
        return payload + (long) (count * (16 + AVERAGE_PADDING));
    }

    /** An Object[] (or any reference array) of {@code length} slots. */
    public static long referenceArray(long length) {
        return align(16 + 4 * length);
    }

    /** A java.util.HashMap holding {@code size} entries: the object and its table (load factor 0.75, at least 16 slots once used), nodes not included. */
    public static long hashMap(int size) {
        long object = 48;
        if (size == 0) {
            return object;
        }
        long capacity = 16;
        while (capacity * 3 / 4 < size) {
            capacity <<= 1;
        }
        return object + referenceArray(capacity);
    }

    /** The value of a key: a string (byte[]) or one of the collection types. */
    public static long value(Object value) {
        if (value instanceof byte[] s) {
            return byteArray(s.length);
        } else if (value instanceof HashValue h) {
            return h.heapBytes();
        } else if (value instanceof ListValue l) {
            return l.heapBytes();
        } else if (value instanceof SetValue s) {
            return s.heapBytes();
        } else if (value instanceof ZSetValue z) {
            return z.heapBytes();
        } else if (value instanceof StreamValue s) {
            return s.heapBytes();
        }
        return 16;
    }

    /** A key with its value in a keyspace table (the table's slot is counted by the table). */
    public static long keyEntry(byte[] key, Object value) {
        return DICT_NODE + byteArray(key.length) + value(value);
    }

    /** An expiry time in the expires table; the key array is shared with the keyspace table. */
    public static long expiryEntry(byte[] key, Long whenMs) {
        return DICT_NODE + BOXED_LONG;
    }
}
