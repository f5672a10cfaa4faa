package io.replicatedstore.datanode.persist.rdb;

import io.replicatedstore.datanode.resp.DoubleFormat;
import io.replicatedstore.datanode.util.Numbers;

import java.nio.charset.StandardCharsets;

/** Sorted-set scores as text, the way listpacks and old RDB zsets hold them. */
final class Scores {

    private static final double LONG_SAFE = (double) (Long.MAX_VALUE / 2);

    private Scores() {
    }

    /**
     * Redis's double2ll: whether a score is integral and small enough to be stored as a listpack
     * integer (Redis then stores it so; note -0.0 becomes 0 that way, as in Redis).
     */
    static boolean isLong(double d) {
        return !(d < -LONG_SAFE || d > LONG_SAFE) && (long) d == d;
    }

    /** Redis's d2string for non-integral scores: "inf", "-inf", or C's "%.17g". */
    static byte[] toText(double d) {
        return DoubleFormat.reply(d).getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses a stored score (strtod syntax); null when it is not a number. */
    static Double parse(byte[] text) {
        return Numbers.parseDoubleSaturating(text);
    }
}
