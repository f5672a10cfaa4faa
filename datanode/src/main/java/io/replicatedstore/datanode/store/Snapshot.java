package io.replicatedstore.datanode.store;

import java.util.BitSet;

/**
 * A point-in-time copy of the whole keyspace, produced while writes go on, without fork and
 * without copying the dataset (Dragonfly's versioning idea on Redis's bucketed dict).
 *
 * <p>Each database's table is frozen in size while the snapshot runs, so every key stays in its
 * bucket. The snapshot walks buckets in order; before anything changes a bucket it has not
 * written yet, that bucket is written first, with the values it holds at that moment. Changes
 * reach it two ways: the dict reports every put and remove (sets, deletes, expiry), and the
 * dispatcher reports every write command's arguments before it runs, which covers values that
 * commands change in place (HSET on an existing hash). Writing a bucket early is always safe,
 * so any argument that merely hashes to an unwritten bucket just moves that bucket forward.
 *
 * <p>Databases replaced meanwhile (FLUSHDB, SWAPDB) keep their old tables here, so the
 * snapshot still shows the instant it started. Only the keyspace thread uses this class.
 */
public final class Snapshot {

    /**
     * Receives the snapshot's entries, grouped by runs of one database. The value is live: the
     * sink must serialise it before returning, since it may change right after.
     */
    public interface EntrySink {
        /** Entries of {@code db} follow (a database may come back several times). */
        void database(int db, int size, int expiresSize);

        void entry(byte[] key, Object value, long expireAtMs);
    }

    private final Keyspace keyspace;
    private final EntrySink sink;
    private final Dict<Object>[] values;
    private final Dict<Long>[] expires;
    private final BitSet[] written;
    private int db;
    private int bucket;
    private int emittingDb = -1;
    private boolean finished;

    @SuppressWarnings("unchecked")
    Snapshot(Keyspace keyspace, EntrySink sink) {
        this.keyspace = keyspace;
        this.sink = sink;
        int count = keyspace.count();
        this.values = (Dict<Object>[]) new Dict[count];
        this.expires = (Dict<Long>[]) new Dict[count];
        this.written = new BitSet[count];
        for (int i = 0; i < count; i++) {
            Database database = keyspace.db(i);
            values[i] = database.valuesDict();
            expires[i] = database.expiresDict();
            written[i] = new BitSet(values[i].capacity());
        }
    }

    /** Writes up to {@code maxBuckets} more buckets; true once the whole keyspace is written. */
    public boolean step(int maxBuckets) {
        int budget = maxBuckets;
        while (!finished && budget > 0) {
            if (db == values.length) {
                finish();
                break;
            }
            Dict<Object> dict = values[db];
            if (dict.isEmpty() || bucket >= dict.capacity()) {
                db++;
                bucket = 0;
                continue;
            }
            writeBucket(db, bucket++);
            budget--;
        }
        return finished;
    }

    public boolean isFinished() {
        return finished;
    }

    /** Stops early (the transfer failed or was cancelled): the tables may resize again. */
    public void cancel() {
        finish();
    }

    private void finish() {
        if (!finished) {
            finished = true;
            keyspace.snapshotFinished(this);
        }
    }

    boolean covers(Dict<?> dict) {
        for (Dict<Object> d : values) {
            if (d == dict) {
                return true;
            }
        }
        return false;
    }

    /** The dict is about to change a bucket: write it first if it is still unwritten. */
    void beforeBucketChange(Dict<?> dict, int changed) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == dict) {
                writeBucket(i, changed);
            }
        }
    }

    /** A write command is about to run: write the unwritten buckets any of its arguments hash to. */
    void beforeWrite(byte[][] argv) {
        for (int a = 1; a < argv.length; a++) {
            int hash = Dict.hash(argv[a]);
            for (int i = 0; i < values.length; i++) {
                if (!values[i].isEmpty()) {
                    writeBucket(i, hash & (values[i].capacity() - 1));
                }
            }
        }
    }

    private void writeBucket(int dbIndex, int index) {
        if (finished || written[dbIndex].get(index)) {
            return;
        }
        written[dbIndex].set(index);
        values[dbIndex].forEachInBucket(index, (key, value) -> {
            if (emittingDb != dbIndex) {
                emittingDb = dbIndex;
                sink.database(dbIndex, values[dbIndex].size(), expires[dbIndex].size());
            }
            Long when = expires[dbIndex].get(key);
            sink.entry(key, value, when == null ? -1 : when);
        });
    }

    Dict<Object>[] dicts() {
        return values;
    }
}
