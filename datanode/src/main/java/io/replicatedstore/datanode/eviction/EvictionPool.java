package io.replicatedstore.datanode.eviction;

import java.util.Arrays;

/**
 * Redis's eviction pool: the best candidates seen over successive samples, kept in ascending
 * order of score (higher is evicted first), so each eviction benefits from earlier samples and
 * the approximation of true LRU/LFU/TTL order improves with {@code maxmemory-samples}.
 */
public final class EvictionPool {

    /** Redis's EVPOOL_SIZE. */
    public static final int SIZE = 16;

    private final long[] scores = new long[SIZE];
    private final int[] dbs = new int[SIZE];
    private final byte[][] keys = new byte[SIZE][];
    private int count;

    public int size() {
        return count;
    }

    /**
     * Offers a candidate. It is dropped when the pool is full and it scores no higher than every
     * entry; otherwise it goes in order, pushing out the lowest-scoring entry if the pool is full.
     * A key already in the pool is not added twice.
     */
    public void offer(long score, int db, byte[] key) {
        for (int i = 0; i < count; i++) {
            if (dbs[i] == db && Arrays.equals(keys[i], key)) {
                return;
            }
        }
        int k = 0;
        while (k < count && scores[k] < score) {
            k++;
        }
        if (k == 0 && count == SIZE) {
            return; // worse than everything we already have
        }
        if (count < SIZE) {
            System.arraycopy(scores, k, scores, k + 1, count - k);
            System.arraycopy(dbs, k, dbs, k + 1, count - k);
            System.arraycopy(keys, k, keys, k + 1, count - k);
            count++;
        } else {
            // Full: shift the lower part left, dropping the lowest score.
            k--;
            System.arraycopy(scores, 1, scores, 0, k);
            System.arraycopy(dbs, 1, dbs, 0, k);
            System.arraycopy(keys, 1, keys, 0, k);
        }
        scores[k] = score;
        dbs[k] = db;
        keys[k] = key;
    }

    /** The highest scoring entry's database; only valid while {@link #size()} > 0. */
    public int bestDb() {
        return dbs[count - 1];
    }

    public byte[] bestKey() {
        return keys[count - 1];
    }

    public long bestScore() {
        return scores[count - 1];
    }

    /** Removes the highest scoring entry. */
    public void removeBest() {
        count--;
        keys[count] = null;
    }

    public void clear() {
        Arrays.fill(keys, null);
        count = 0;
    }
}
