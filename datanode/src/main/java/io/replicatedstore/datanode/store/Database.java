package io.replicatedstore.datanode.store;

import io.replicatedstore.datanode.error.Errors;

import java.util.function.BiConsumer;

/**
 * One of the numbered databases: keys to values, and keys to absolute expiry times in
 * milliseconds. Values are byte[] (strings), {@link HashValue}, {@link ListValue},
 * {@link SetValue} or {@link ZSetValue}.
 *
 * <p>Reads hide expired keys. Whether an expired key is also deleted on access depends on the
 * keyspace: a master deletes it (and the listener propagates the DEL); a replica only hides it
 * and waits for its master's DEL, as Redis replicas do.
 */
public final class Database {

    private final int id;
    private final Keyspace keyspace;
    private Dict<Object> values;
    private Dict<Long> expires;

    Database(int id, Keyspace keyspace) {
        this.id = id;
        this.keyspace = keyspace;
        this.values = newValues();
        this.expires = newExpires();
    }

    private Dict<Object> newValues() {
        return new Dict<>(MemoryEstimate::keyEntry, keyspace.keyClock());
    }

    private static Dict<Long> newExpires() {
        return new Dict<>(MemoryEstimate::expiryEntry, null);
    }

    /** The accounted heap bytes of this database's keys, values, expiry times and tables. */
    public long bytes() {
        return values.bytes() + expires.bytes();
    }

    public int id() {
        return id;
    }

    Dict<Object> valuesDict() {
        return values;
    }

    Dict<Long> expiresDict() {
        return expires;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public int size() {
        return values.size();
    }

    /** Sizes the tables for this many keys and expiry times ahead of a load. */
    public void expand(int keys, int expiring) {
        values.expand(keys);
        expires.expand(expiring);
    }

    public int expiresSize() {
        return expires.size();
    }

    /**
     * The value of a live key, or null when absent or expired (Redis's lookupKey): the access
     * updates the key's LRU/LFU clock.
     */
    public Object get(byte[] key) {
        Dict.Node<Object> node = values.node(key);
        if (node == null || expireIfNeeded(key)) {
            keyspace.missed(this, key);
            return null;
        }
        node.clock = keyspace.keyClock().accessed(node.clock);
        Object value = node.value;
        if (!(value instanceof byte[])) {
            keyspace.mayChange(this, node.key);
        }
        return value;
    }

    /**
     * The value of a live key without touching its access clock, still deleting it when expired
     * (Redis's LOOKUP_NOTOUCH: TYPE, EXISTS, TTL, OBJECT).
     */
    public Object getNoTouch(byte[] key) {
        Object value = values.get(key);
        if (value == null || expireIfNeeded(key)) {
            keyspace.missed(this, key);
            return null;
        }
        return value;
    }

    /** The key's clock stamp (see {@link KeyClock}), or -1 when the key is absent. */
    public int clockOf(byte[] key) {
        Dict.Node<Object> node = values.node(key);
        return node == null ? -1 : node.clock;
    }

    /** Sets a key's clock stamp (tests, and DEBUG-style tools). */
    public void clockOf(byte[] key, int stamp) {
        Dict.Node<Object> node = values.node(key);
        if (node != null) {
            node.clock = stamp;
        }
    }

    /** The value stored at a key, even if its time to live has passed (Redis's dictFind). */
    public Object storedValue(byte[] key) {
        return values.get(key);
    }

    /** The value of a live key without lazy deletion or statistics (for introspection). */
    public Object peek(byte[] key) {
        Object value = values.get(key);
        if (value == null || isExpired(key)) {
            return null;
        }
        return value;
    }

    /** EXISTS does not touch the key's clock. */
    public boolean exists(byte[] key) {
        return getNoTouch(key) != null;
    }

    /** A string value, null when absent; WRONGTYPE for another type. */
    public byte[] getString(byte[] key) {
        return typed(key, byte[].class);
    }

    public HashValue getHash(byte[] key) {
        return typed(key, HashValue.class);
    }

    public ListValue getList(byte[] key) {
        return typed(key, ListValue.class);
    }

    public SetValue getSet(byte[] key) {
        return typed(key, SetValue.class);
    }

    public ZSetValue getZSet(byte[] key) {
        return typed(key, ZSetValue.class);
    }

    public StreamValue getStream(byte[] key) {
        return typed(key, StreamValue.class);
    }

    private <T> T typed(byte[] key, Class<T> type) {
        Object value = get(key);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw Errors.wrongType();
        }
        return type.cast(value);
    }

    /** Sets a key's value and clears its time to live (SET without KEEPTTL). */
    public void put(byte[] key, Object value) {
        if (!(value instanceof byte[])) {
            keyspace.mayChange(this, key); // commands fill a new collection after putting it
        }
        Object old = values.put(key, value);
        if (old != null) {
            expires.remove(key);
        } else {
            keyspace.added(this, key);
        }
    }

    /** Adds a key that is not there yet (a load); false, changing nothing, when it is. */
    public boolean putNew(byte[] key, Object value) {
        return values.putIfAbsent(key, value) == null;
    }

    /** Replaces a key's value, keeping any time to live. */
    public void putKeepTtl(byte[] key, Object value) {
        if (!(value instanceof byte[])) {
            keyspace.mayChange(this, key);
        }
        if (values.put(key, value) == null) {
            keyspace.added(this, key);
        }
    }

    /** Removes a key; true if it existed (expired keys count as absent). */
    public boolean delete(byte[] key) {
        if (get(key) == null) {
            return false;
        }
        values.remove(key);
        expires.remove(key);
        return true;
    }

    /** Absolute expiry in unix milliseconds, or -1 when the key has no time to live. */
    public long expireAt(byte[] key) {
        Long when = expires.get(key);
        return when == null ? -1 : when;
    }

    /** Sets an absolute expiry on an existing key. */
    public void setExpireAt(byte[] key, long whenMs) {
        byte[] stored = values.storedKey(key);
        if (stored == null) {
            throw new IllegalStateException("expire on a missing key");
        }
        expires.put(stored, whenMs);
    }

    /** Removes a time to live; true if there was one. */
    public boolean persist(byte[] key) {
        return expires.remove(key) != null;
    }

    public boolean isExpired(byte[] key) {
        if (expires.isEmpty() || keyspace.masterView()) {
            return false;
        }
        Long when = expires.get(key);
        return when != null && when <= keyspace.now();
    }

    /** Deletes the key if it has expired and this node deletes expired keys; true when expired. */
    private boolean expireIfNeeded(byte[] key) {
        if (expires.isEmpty() || keyspace.masterView()) {
            return false;
        }
        Long when = expires.get(key);
        if (when == null || when > keyspace.now()) {
            return false;
        }
        if (keyspace.deletesExpiredKeys()) {
            values.remove(key);
            expires.remove(key);
            keyspace.expired(this, key);
        }
        return true;
    }

    /** A random live key or null (RANDOMKEY); gives up on expired picks after a bounded number of tries. */
    public byte[] randomKey() {
        for (int tries = 0; tries < 100 && values.size() > 0; tries++) {
            byte[] key = values.randomKey();
            if (!isExpired(key)) {
                return key;
            }
            expireIfNeeded(key);
        }
        return null;
    }

    /**
     * One SCAN step over the stored keys, expired or not: SCAN looks each one up afterwards, which
     * deletes (and propagates) the expired ones as Redis 7.0's scanGenericCommand does.
     */
    public long scan(long cursor, BiConsumer<byte[], Object> visitor) {
        return values.scan(cursor, visitor);
    }

    /** The stored value, even when logically expired, without touching its clock (DEBUG DIGEST-VALUE, DEBUG OBJECT). */
    public Object raw(byte[] key) {
        return values.get(key);
    }

    /**
     * A number naming the key's entry for as long as the key exists (DEBUG OBJECT's "Value at"):
     * it stays the same when a command replaces the value in place, as INCR does; 0 when absent.
     */
    public long entryId(byte[] key) {
        Dict.Node<Object> node = values.node(key);
        return node == null ? 0 : System.identityHashCode(node) & 0xffffffffL;
    }

    /** Every key with its value, live or not (for KEYS, which filters expired keys itself). */
    public void forEach(BiConsumer<byte[], Object> action) {
        values.forEach(action);
    }

    public void clear() {
        values = newValues();
        expires = newExpires();
    }

    /** Measures a key again after its value changed in place; the change in bytes. */
    long reaccount(byte[] key) {
        return values.reaccount(key);
    }

    /** Whether the key is stored, expired or not (eviction re-checks its candidates with this). */
    public boolean holds(byte[] key) {
        return values.containsKey(key);
    }

    /**
     * Removes a key chosen by eviction, with its time to live, whether or not it has expired;
     * true if it was there.
     */
    public boolean evict(byte[] key) {
        if (values.remove(key) == null) {
            return false;
        }
        expires.remove(key);
        return true;
    }

    /**
     * Up to {@code count} keys picked at random for eviction, from every key or only from keys
     * with a time to live; {@code stamps} gets each key's clock and {@code ttls} its expiry
     * (when non-null). Returns how many were picked.
     */
    @SuppressWarnings("unchecked")
    public int sampleForEviction(boolean volatileOnly, int count, byte[][] keys, int[] stamps, long[] ttls) {
        if (volatileOnly) {
            Dict.Node<Long>[] picked = new Dict.Node[count];
            int n = expires.sample(count, picked);
            int out = 0;
            for (int i = 0; i < n; i++) {
                Dict.Node<Object> node = values.node(picked[i].key);
                if (node == null) {
                    continue;
                }
                keys[out] = node.key;
                stamps[out] = node.clock;
                if (ttls != null) {
                    ttls[out] = picked[i].value;
                }
                out++;
            }
            return out;
        }
        Dict.Node<Object>[] picked = new Dict.Node[count];
        int n = values.sample(count, picked);
        for (int i = 0; i < n; i++) {
            keys[i] = picked[i].key;
            stamps[i] = picked[i].clock;
        }
        return n;
    }

    /** A random key for the random policies (from every key or only those with a time to live), or null. */
    public byte[] randomKeyForEviction(boolean volatileOnly) {
        return volatileOnly ? expires.randomKey() : values.randomKey();
    }

    /** Replaces this database's contents by {@code other}'s, which is left empty. */
    void takeContents(Database other) {
        values = other.values;
        expires = other.expires;
        values.clock(keyspace.keyClock()); // it was loaded under the other keyspace's clock
        other.clear();
    }

    /** Swaps contents with another database (SWAPDB). */
    void swapWith(Database other) {
        Dict<Object> v = values;
        Dict<Long> e = expires;
        values = other.values;
        expires = other.expires;
        other.values = v;
        other.expires = e;
    }

    /**
     * Samples up to {@code samples} keys with a time to live and deletes those that expired.
     * Returns {sampled, expired} so the caller can repeat while many expire, as Redis's
     * activeExpireCycle does.
     */
    int[] sampleExpired(int samples) {
        int sampled = 0;
        int expired = 0;
        while (sampled < samples && expires.size() > 0) {
            byte[] key = expires.randomKey();
            sampled++;
            if (expireIfNeeded(key)) {
                expired++;
            }
        }
        return new int[] {sampled, expired};
    }
}
