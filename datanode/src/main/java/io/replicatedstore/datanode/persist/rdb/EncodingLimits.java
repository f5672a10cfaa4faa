package io.replicatedstore.datanode.persist.rdb;

/**
 * The encoding thresholds of the *-max-listpack-* / set-max-intset-entries configuration, which
 * decide which RDB type the writer picks for a value and which encoding a loaded value reports.
 *
 * @param listMaxListpackSize    list-max-listpack-size: negative = byte budget per quicklist node
 *                               (-1 4 KB ... -5 64 KB), positive = entries per node
 * @param listPackedThreshold    elements at least this long get a quicklist node of their own
 *                               (a PLAIN node); Redis's default is 1 GB
 */
public record EncodingLimits(
        int listMaxListpackSize,
        long hashMaxListpackEntries,
        long hashMaxListpackValue,
        long setMaxIntsetEntries,
        long zsetMaxListpackEntries,
        long zsetMaxListpackValue,
        long listPackedThreshold) {

    /** Redis 7.0's defaults. */
    public static final EncodingLimits DEFAULTS = new EncodingLimits(-2, 512, 64, 512, 128, 64, 1L << 30);

    public EncodingLimits {
        if (hashMaxListpackEntries < 0 || hashMaxListpackValue < 0 || setMaxIntsetEntries < 0
                || zsetMaxListpackEntries < 0 || zsetMaxListpackValue < 0 || listPackedThreshold < 1) {
            throw new IllegalArgumentException("negative encoding limit");
        }
    }

    public EncodingLimits withListMaxListpackSize(int value) {
        return new EncodingLimits(value, hashMaxListpackEntries, hashMaxListpackValue, setMaxIntsetEntries,
                zsetMaxListpackEntries, zsetMaxListpackValue, listPackedThreshold);
    }

    public EncodingLimits withHash(long maxEntries, long maxValue) {
        return new EncodingLimits(listMaxListpackSize, maxEntries, maxValue, setMaxIntsetEntries,
                zsetMaxListpackEntries, zsetMaxListpackValue, listPackedThreshold);
    }

    public EncodingLimits withSetMaxIntsetEntries(long value) {
        return new EncodingLimits(listMaxListpackSize, hashMaxListpackEntries, hashMaxListpackValue, value,
                zsetMaxListpackEntries, zsetMaxListpackValue, listPackedThreshold);
    }

    public EncodingLimits withZset(long maxEntries, long maxValue) {
        return new EncodingLimits(listMaxListpackSize, hashMaxListpackEntries, hashMaxListpackValue,
                setMaxIntsetEntries, maxEntries, maxValue, listPackedThreshold);
    }

    public EncodingLimits withListPackedThreshold(long value) {
        return new EncodingLimits(listMaxListpackSize, hashMaxListpackEntries, hashMaxListpackValue,
                setMaxIntsetEntries, zsetMaxListpackEntries, zsetMaxListpackValue, value);
    }

    /** The limits as ints for the value classes' updateEncoding (Redis caps them similarly). */
    static int clamp(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }
}
