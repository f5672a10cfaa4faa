package io.replicatedstore.datanode.eviction;

import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.KeyClock;
import io.replicatedstore.datanode.store.Keyspace;

/**
 * Chooses the next key to evict, as Redis's performEvictions does: for the LRU, LFU and TTL
 * policies, {@code maxmemory-samples} random keys of every database go into the
 * {@link EvictionPool} scored by idle time, 255 minus the access counter, or nearness of expiry,
 * and the best one that still exists is taken; for the random policies, a random key of the next
 * database in turn.
 */
public final class Evictor {

    /** Rounds of sampling before giving up when candidates keep vanishing (never in practice). */
    private static final int MAX_ROUNDS = 1000;

    /** A key chosen for eviction. */
    public record Victim(Database db, byte[] key) {
    }

    private final EvictionPool pool = new EvictionPool();
    /** Samples taken per database at most, whatever maxmemory-samples says (Redis allows any int). */
    static final int MAX_SAMPLES = 1024;

    private byte[][] keys = new byte[0][];
    private int[] stamps = new int[0];
    private long[] ttls = new long[0];
    private int nextDb;

    /** The next key to evict, or null when the policy allows none (noeviction, or no candidate key). */
    public Victim pick(Keyspace keyspace, MaxmemoryPolicy policy, int samples) {
        return switch (policy.rank()) {
            case NONE -> null;
            case RANDOM -> pickRandom(keyspace, policy.volatileOnly());
            default -> pickFromPool(keyspace, policy, Math.max(1, Math.min(samples, MAX_SAMPLES)));
        };
    }

    private Victim pickRandom(Keyspace keyspace, boolean volatileOnly) {
        for (int i = 0; i < keyspace.count(); i++) {
            Database db = keyspace.db(nextDb);
            nextDb = (nextDb + 1) % keyspace.count();
            byte[] key = db.randomKeyForEviction(volatileOnly);
            if (key != null) {
                return new Victim(db, key);
            }
        }
        return null;
    }

    private Victim pickFromPool(Keyspace keyspace, MaxmemoryPolicy policy, int samples) {
        if (keys.length < samples) {
            keys = new byte[samples][];
            stamps = new int[samples];
            ttls = new long[samples];
        }
        boolean volatileOnly = policy.volatileOnly();
        KeyClock clock = keyspace.keyClock();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            long candidates = 0;
            for (int i = 0; i < keyspace.count(); i++) {
                Database db = keyspace.db(i);
                int available = volatileOnly ? db.expiresSize() : db.size();
                if (available == 0) {
                    continue;
                }
                candidates += available;
                int n = db.sampleForEviction(volatileOnly, samples, keys, stamps,
                        policy.rank() == MaxmemoryPolicy.Rank.TTL ? ttls : null);
                for (int j = 0; j < n; j++) {
                    long score = switch (policy.rank()) {
                        case TTL -> Long.MAX_VALUE - ttls[j];
                        default -> clock.evictionScore(stamps[j]);
                    };
                    pool.offer(score, i, keys[j]);
                    keys[j] = null;
                }
            }
            if (candidates == 0) {
                return null;
            }
            // The best candidate still present: a pooled key may have been deleted since it was sampled.
            while (pool.size() > 0) {
                Database db = keyspace.db(pool.bestDb());
                byte[] key = pool.bestKey();
                pool.removeBest();
                boolean present = volatileOnly ? db.expireAt(key) != -1 : db.holds(key);
                if (present) {
                    return new Victim(db, key);
                }
            }
        }
        return null;
    }

    /** Forgets pooled candidates (FLUSHALL, a policy change), so stale scores are not used. */
    public void reset() {
        pool.clear();
    }
}
