package io.replicatedstore.datanode.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Immutable view of a binary-safe byte[] so it can be a HashMap key (byte[] uses identity equality).
 * The array is not copied: whoever hands it over promises never to mutate it afterwards.
 */
public final class Bytes implements Comparable<Bytes> {
    private final byte[] bytes;
    private int hash; // cached; 0 means "not computed yet" (recomputed if the real hash is 0, which is harmless)

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps without copying; the caller must not mutate {@code bytes} afterwards. */
    public static Bytes of(byte[] bytes) {
        if (bytes == null) {
            throw new NullPointerException("bytes");
        }
        return new Bytes(bytes);
    }

    /** The wrapped array itself (not a copy): callers must treat it as read-only. */
    public byte[] bytes() {
        return bytes;
    }

    /** Unsigned lexicographic (memcmp) order, the order Redis uses for BYLEX and equal-score members. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /**
     * True if {@code s} is exactly how Redis prints some 64-bit integer (Redis's string2ll rules):
     * no sign '+', no leading zeros, no "-0", no spaces, within long range. Intset membership and
     * listpack integer encoding both depend on this.
     */
    public static boolean isCanonicalLong(byte[] s) {
        int n = s.length;
        if (n == 0 || n > 20) {
            return false;
        }
        if (n == 1 && s[0] == '0') {
            return true;
        }
        int i = 0;
        boolean negative = s[0] == '-';
        if (negative) {
            i = 1;
            if (n == 1) {
                return false;
            }
        }
        if (s[i] < '1' || s[i] > '9') {
            return false; // leading zero, "-0", or not a digit
        }
        // Accumulate negatively so Long.MIN_VALUE is representable.
        long v = 0;
        for (; i < n; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            // v*10 - d >= MIN  <=>  v >= ceil((MIN + d) / 10), and Java's division rounds toward zero.
            if (v < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            v = v * 10 - d;
        }
        return negative || v != Long.MIN_VALUE;
    }

    /** The value of a string for which {@link #isCanonicalLong} is true (unspecified otherwise). */
    public static long canonicalLongValue(byte[] s) {
        boolean negative = s[0] == '-';
        long v = 0;
        for (int i = negative ? 1 : 0; i < s.length; i++) {
            v = v * 10 - (s[i] - '0');
        }
        return negative ? v : -v;
    }

    @Override
    public int compareTo(Bytes o) {
        return compare(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Bytes other)) {
            return false;
        }
        return hashCode() == other.hashCode() && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    /** UTF-8 rendering, for debugging only (binary data shows replacement characters). */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
