package io.replicatedstore.datanode.command.bits;

/**
 * BITFIELD's OVERFLOW behaviours and the arithmetic of a value plus an increment in a field of
 * a given width (Redis's checkSignedBitfieldOverflow and checkUnsignedBitfieldOverflow).
 */
public enum Overflow {
    WRAP, SAT, FAIL;

    /** The stored result, or null when it overflows under FAIL. */
    public Long unsigned(long value, long incr, int bits) {
        long max = bits == 64 ? -1L : (1L << bits) - 1;
        long maxIncr = max - value;
        long minIncr = -value;
        boolean over = Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > maxIncr);
        boolean under = !over && incr < 0 && incr < minIncr;
        if (!over && !under) {
            return value + incr;
        }
        return switch (this) {
            case WRAP -> (value + incr) & max;
            case SAT -> over ? max : 0L;
            case FAIL -> null;
        };
    }

    public Long signed(long value, long incr, int bits) {
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long min = -max - 1;
        long maxIncr = max - value;
        long minIncr = min - value;
        boolean over = value > max || (bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr);
        boolean under = !over && (value < min || (bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr));
        if (!over && !under) {
            return value + incr;
        }
        return switch (this) {
            case WRAP -> wrapSigned(value + incr, bits);
            case SAT -> over ? max : min;
            case FAIL -> null;
        };
    }

    private static long wrapSigned(long sum, int bits) {
        if (bits == 64) {
            return sum;
        }
        long mask = -1L << bits;
        return (sum & (1L << (bits - 1))) != 0 ? sum | mask : sum & ~mask;
    }
}
