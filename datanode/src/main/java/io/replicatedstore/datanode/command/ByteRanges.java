package io.replicatedstore.datanode.command;

/** Redis's normalisation of an inclusive [start, end] range over a string (GETRANGE, BITCOUNT, BITPOS). */
public final class ByteRanges {

    private ByteRanges() {
    }

    /**
     * Negative indexes count from the end of {@code length} units (bytes, or bits); then both are
     * clamped to [0, length - 1]. The result may be empty ({@code start > end}).
     */
    public static long[] clamp(long start, long end, long length) {
        if (start < 0) {
            start = length + start;
        }
        if (end < 0) {
            end = length + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (end < 0) {
            end = 0;
        }
        if (end >= length) {
            end = length - 1;
        }
        return new long[] {start, end};
    }
}
