package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.config.OutputBufferLimits.Limit;

/**
 * Whether a client's output is over its class's limits: Redis's checkClientOutputBufferLimits
 * as a pure function of the bytes held, the limit, when the soft limit was first exceeded, and
 * the time now.
 */
final class OutputLimitCheck {

    /**
     * An unauthenticated client (requirepass set) may hold this much output: the fix for
     * CVE-2025-21605 in Debian's redis-server 7.0.15 closes it once its reply list passes 1 KiB
     * beyond the 16 KiB reply buffer, so a client that cannot log in cannot make the server hold
     * replies it never reads.
     */
    static final long UNAUTHENTICATED_LIMIT = 16 * 1024 + 1024;

    /** {@code close}: over a limit; {@code softSinceMs}: when the soft limit was first exceeded, 0 when it is not. */
    record Result(boolean close, long softSinceMs) {
    }

    private OutputLimitCheck() {
    }

    /**
     * @param usedBytes   output the client holds
     * @param limit       its class's limit; for replicas a hard limit below repl-backlog-size
     *                    counts as repl-backlog-size, as Redis does (pass it already raised)
     * @param softSinceMs when it was first seen over the soft limit, 0 if it was not
     */
    static Result check(long usedBytes, Limit limit, long softSinceMs, long nowMs) {
        boolean hard = limit.hardBytes() > 0 && usedBytes >= limit.hardBytes();
        boolean soft = limit.softBytes() > 0 && usedBytes >= limit.softBytes();
        if (!soft) {
            return new Result(hard, 0);
        }
        if (softSinceMs == 0) {
            return new Result(hard, nowMs); // the first time it is seen over the soft limit
        }
        boolean softTooLong = nowMs - softSinceMs > limit.softSeconds() * 1000;
        return new Result(hard || softTooLong, softSinceMs);
    }

    /** The replica class's effective limit: a hard limit below the backlog size would fail every partial sync. */
    static Limit replicaLimit(Limit limit, long replBacklogSize) {
        if (limit.hardBytes() > 0 && limit.hardBytes() < replBacklogSize) {
            return new Limit(replBacklogSize, limit.softBytes(), limit.softSeconds());
        }
        return limit;
    }
}
