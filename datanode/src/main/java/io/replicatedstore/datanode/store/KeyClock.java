package io.replicatedstore.datanode.store;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Each key's access clock, in the 24 bits Redis keeps in an object's lru field: under an LRU (or
 * any non-LFU) policy the time of last access in seconds, modulo 2^24; under an LFU policy the
 * time of the last decrement in minutes (16 bits) and a logarithmic access counter (8 bits),
 * incremented with probability 1/((counter - 5) * lfu-log-factor + 1) and decremented by one per
 * lfu-decay-time minutes without access. Time and randomness are injected so the
 * arithmetic is testable with a hand-moved clock.
 */
public final class KeyClock implements Dict.Clock {

    public static final int LRU_CLOCK_MAX = (1 << 24) - 1;
    /** A new key's counter, so it is not evicted before it had a chance to be used. */
    public static final int LFU_INIT_VAL = 5;

    private final LongSupplier nowMs;
    private final DoubleSupplier random;
    private boolean lfu;
    private long logFactor = 10;
    private long decayMinutes = 1;

    public KeyClock(LongSupplier nowMs, DoubleSupplier random) {
        this.nowMs = nowMs;
        this.random = random;
    }

    /** Whether the clock counts accesses (an LFU policy) rather than recording their time. */
    public void lfu(boolean on) {
        this.lfu = on;
    }

    public boolean lfu() {
        return lfu;
    }

    public void logFactor(long factor) {
        this.logFactor = factor;
    }

    public void decayMinutes(long minutes) {
        this.decayMinutes = minutes;
    }

    /** Redis's LRU_CLOCK(): seconds, 24 bits. */
    public int lruClock() {
        return (int) ((nowMs.getAsLong() / 1000) & LRU_CLOCK_MAX);
    }

    private int minutes() {
        return (int) ((nowMs.getAsLong() / 60_000) & 0xFFFF);
    }

    @Override
    public int stampNew() {
        return lfu ? (minutes() << 8) | LFU_INIT_VAL : lruClock();
    }

    /** Redis keeps an overwritten key's LFU counter (dbSetValue); under LRU the new value is fresh. */
    @Override
    public int stampOverwrite(int previous) {
        return lfu ? previous : lruClock();
    }

    /** The LRU stamp of a key last used {@code idleSeconds} ago (RESTORE IDLETIME), wrapping as the clock does. */
    public int stampIdle(long idleSeconds) {
        long stamp = (lruClock() - idleSeconds) % LRU_CLOCK_MAX;
        return (int) (stamp < 0 ? stamp + LRU_CLOCK_MAX : stamp);
    }

    /** The LFU stamp of a key with access counter {@code counter} now (RESTORE FREQ). */
    public int stampFrequency(int counter) {
        return (minutes() << 8) | counter;
    }

    /** A lookup of the key (Redis's lookupKey without LOOKUP_NOTOUCH). */
    public int accessed(int stamp) {
        if (!lfu) {
            return lruClock();
        }
        int counter = logIncrement(decayedCounter(stamp));
        return (minutes() << 8) | counter;
    }

    /** Milliseconds since the key was last accessed, from its LRU stamp (OBJECT IDLETIME, LRU eviction). */
    public long idleMillis(int stamp) {
        int now = lruClock();
        long seconds = now >= stamp ? now - stamp : (long) now + (LRU_CLOCK_MAX - stamp);
        return seconds * 1000;
    }

    /** The LFU counter after the decay for the minutes since its last decrement (OBJECT FREQ). */
    public int decayedCounter(int stamp) {
        int last = (stamp >>> 8) & 0xFFFF;
        int counter = stamp & 0xFF;
        int now = minutes();
        long elapsed = now >= last ? now - last : 65535L - last + now;
        long periods = decayMinutes > 0 ? elapsed / decayMinutes : 0;
        return periods > counter ? 0 : (int) (counter - periods);
    }

    private int logIncrement(int counter) {
        if (counter == 255) {
            return 255;
        }
        double base = Math.max(0, counter - LFU_INIT_VAL);
        double p = 1.0 / (base * logFactor + 1);
        return random.getAsDouble() < p ? counter + 1 : counter;
    }

    /**
     * The eviction score of a key: higher is a better candidate. LRU: idle milliseconds; LFU:
     * 255 minus the decayed counter (Redis's evictionPoolPopulate).
     */
    public long evictionScore(int stamp) {
        return lfu ? 255 - decayedCounter(stamp) : idleMillis(stamp);
    }
}
