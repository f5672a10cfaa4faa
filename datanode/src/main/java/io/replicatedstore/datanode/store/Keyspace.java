package io.replicatedstore.datanode.store;

import io.replicatedstore.datanode.util.Clock;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * All databases of a node, the time commands see, and the expiry policy. Owned by the single
 * thread that executes commands; nothing here is synchronised.
 */
public final class Keyspace {

    /** Keys sampled per database per round of the active expiry cycle (Redis's default effort). */
    private static final int EXPIRE_SAMPLES = 20;

    private final Database[] databases;
    private final Clock clock;
    private KeyspaceListener listener = KeyspaceListener.NONE;
    private boolean deletesExpiredKeys = true;
    private boolean activeExpireEnabled = true;
    private long now;
    private final List<Snapshot> snapshots = new ArrayList<>();
    private final Dict.BucketListener snapshotListener = (dict, bucket) -> {
        for (Snapshot snapshot : List.copyOf(snapshots)) {
            snapshot.beforeBucketChange(dict, bucket);
        }
    };
    private long expiredKeys;
    private final KeyClock keyClock;
    /** Keys whose collection a command may have changed in place: database, key, database, key... */
    private final List<Object> mayHaveChanged = new ArrayList<>();

    /** A keyspace whose wall clock is {@code nowMs} (durations are measured by the system's clock). */
    public Keyspace(int count, LongSupplier nowMs) {
        this(count, new Clock() {
            @Override
            public long millis() {
                return nowMs.getAsLong();
            }

            @Override
            public long nanos() {
                return Clock.SYSTEM.nanos();
            }
        });
    }

    public Keyspace(int count, Clock clock) {
        this.clock = clock;
        this.keyClock = new KeyClock(this::now, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        this.databases = new Database[count];
        for (int i = 0; i < count; i++) {
            databases[i] = new Database(i, this);
        }
        this.now = clock.millis();
    }

    /** The clock the keyspace reads the time from. */
    public Clock clock() {
        return clock;
    }

    /** Every key's LRU/LFU clock, which the maxmemory policy switches between. */
    public KeyClock keyClock() {
        return keyClock;
    }

    void mayChange(Database db, byte[] key) {
        mayHaveChanged.add(db);
        mayHaveChanged.add(key);
    }

    /**
     * Brings the accounting up to date with collections changed in place by the command that
     * just ran: each one it looked up or stored is measured again (O(1) per key).
     */
    public void settle() {
        List<Object> pending = mayHaveChanged;
        for (int i = 0; i < pending.size(); i += 2) {
            ((Database) pending.get(i)).reaccount((byte[]) pending.get(i + 1));
        }
        pending.clear();
    }

    /**
     * The dataset's accounted heap bytes (used_memory_dataset): keys, values, expiry times and
     * tables of every database, kept up to date as keys change, never a walk of the keyspace.
     */
    public long usedBytes() {
        if (!mayHaveChanged.isEmpty()) {
            settle();
        }
        long total = 0;
        for (Database db : databases) {
            total += db.bytes();
        }
        return total;
    }

    public int count() {
        return databases.length;
    }

    public Database db(int index) {
        return databases[index];
    }

    public void listener(KeyspaceListener listener) {
        this.listener = listener;
    }

    /**
     * The time the current command sees, fixed for its whole execution (Redis's command time
     * snapshot), so a key cannot expire half way through a command.
     */
    public long now() {
        return now;
    }

    /** Advances the command time to the clock; called before each command and timer. */
    public long updateTime() {
        now = clock.millis();
        return now;
    }

    private boolean masterView;

    /** DEBUG SET-ACTIVE-EXPIRE: whether the cron deletes expired keys (keys still expire when read). */
    public void activeExpireEnabled(boolean enabled) {
        activeExpireEnabled = enabled;
    }

    public boolean deletesExpiredKeys() {
        return deletesExpiredKeys;
    }

    /** Replicas hide expired keys but leave the deleting to their master. */
    public void deletesExpiredKeys(boolean deletes) {
        this.deletesExpiredKeys = deletes;
    }

    /**
     * While the master's stream is applied on a replica, keys that look expired still exist: the
     * master decides when they go (Redis's lookupKey for the master client).
     */
    public void masterView(boolean on) {
        this.masterView = on;
    }

    public boolean masterView() {
        return masterView;
    }

    public long expiredKeys() {
        return expiredKeys;
    }

    /** CONFIG RESETSTAT: expired_keys starts again from zero. */
    public void resetExpiredKeys() {
        expiredKeys = 0;
    }

    void expired(Database db, byte[] key) {
        expiredKeys++;
        listener.keyExpired(db, key);
    }

    /**
     * Starts a point-in-time snapshot; drive it with {@link Snapshot#step(int)} from this thread.
     * Several may run at once (a save and a replica's full sync).
     */
    public Snapshot startSnapshot(Snapshot.EntrySink sink) {
        Snapshot snapshot = new Snapshot(this, sink);
        snapshots.add(snapshot);
        for (Dict<Object> dict : snapshot.dicts()) {
            dict.attach(snapshotListener);
        }
        return snapshot;
    }

    void snapshotFinished(Snapshot snapshot) {
        snapshots.remove(snapshot);
        for (Dict<Object> dict : snapshot.dicts()) {
            boolean stillCovered = false;
            for (Snapshot other : snapshots) {
                stillCovered |= other.covers(dict);
            }
            if (!stillCovered) {
                dict.detach();
            }
        }
    }

    public boolean snapshotInProgress() {
        return !snapshots.isEmpty();
    }

    /** A write command is about to run with these arguments (see {@link Snapshot}). */
    public void beforeWrite(byte[][] argv) {
        for (Snapshot snapshot : List.copyOf(snapshots)) {
            snapshot.beforeWrite(argv);
        }
    }

    public void swap(int a, int b) {
        databases[a].swapWith(databases[b]);
    }

    /** Takes over every database's contents from {@code other} (a keyspace loaded aside), leaving it empty. */
    public void adopt(Keyspace other) {
        if (other.databases.length != databases.length) {
            throw new IllegalArgumentException("keyspaces of " + other.databases.length + " and "
                    + databases.length + " databases");
        }
        for (int i = 0; i < databases.length; i++) {
            databases[i].takeContents(other.databases[i]);
        }
    }

    public void flushAll() {
        for (Database db : databases) {
            db.clear();
        }
    }

    public long totalKeys() {
        long total = 0;
        for (Database db : databases) {
            total += db.size();
        }
        return total;
    }

    /**
     * Redis's active expiry: sample keys with a time to live in every database and delete the
     * expired ones, repeating a database while more than a quarter of a sample expired, until
     * the time budget is spent.
     */
    public void activeExpireCycle(long budgetNanos) {
        if (!deletesExpiredKeys || !activeExpireEnabled) {
            return;
        }
        updateTime();
        long deadline = clock.nanos() + budgetNanos;
        for (Database db : databases) {
            while (db.expiresSize() > 0) {
                int[] result = db.sampleExpired(EXPIRE_SAMPLES);
                if (result[1] * 4 <= result[0] || clock.nanos() > deadline) {
                    break;
                }
            }
            if (clock.nanos() > deadline) {
                return;
            }
        }
    }
}
