package io.replicatedstore.datanode.testing;

import io.replicatedstore.datanode.util.Clock;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when a test says so, for expiry, idle times and timeouts without
 * sleeping. Safe to move from the test thread while the node's thread reads it.
 */
public final class ManualClock implements Clock {

    private final AtomicLong millis;
    /** Not zero, which some of the node's code reads as "never". */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    /** Starts at the system's time now, so times the node reports stay plausible. */
    public ManualClock() {
        this(System.currentTimeMillis());
    }

    public ManualClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    /** Moves both the wall clock and the monotonic counter forward. */
    public void advance(Duration by) {
        millis.addAndGet(by.toMillis());
        nanos.addAndGet(by.toNanos());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public long nanos() {
        return nanos.get();
    }
}
