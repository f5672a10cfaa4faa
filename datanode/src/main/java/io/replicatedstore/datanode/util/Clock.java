package io.replicatedstore.datanode.util;

import java.time.Instant;

/**
 * The node's one source of time: wall-clock milliseconds (expiry, idle times, INFO, replication
 * timeouts) and a monotonic nanosecond counter (durations). The server owns one and passes it
 * on, so tests can move time instead of sleeping.
 */
public interface Clock {

    /** The system's clocks. */
    Clock SYSTEM = new Clock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public long micros() {
            Instant now = Instant.now();
            return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
        }
    };

    /** Unix time in milliseconds. */
    long millis();

    /** A monotonic counter in nanoseconds, only for durations. */
    long nanos();

    /** Unix time in microseconds (TIME, server_time_usec). */
    default long micros() {
        return millis() * 1000;
    }
}
