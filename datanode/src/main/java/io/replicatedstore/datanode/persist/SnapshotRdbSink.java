package io.replicatedstore.datanode.persist;

import io.replicatedstore.datanode.persist.rdb.RdbWriter;
import io.replicatedstore.datanode.store.Snapshot;

import java.io.IOException;

/**
 * Feeds a snapshot's entries to an {@link RdbWriter}. A failure is kept rather than thrown, since
 * entries also arrive in the middle of other clients' write commands; the save checks
 * {@link #failure} and gives up.
 */
final class SnapshotRdbSink implements Snapshot.EntrySink {

    private final RdbWriter writer;
    private Exception failure;
    private long keys;

    SnapshotRdbSink(RdbWriter writer) {
        this.writer = writer;
    }

    @Override
    public void database(int db, int size, int expiresSize) {
        if (failure == null) {
            try {
                writer.startDatabase(db, size, expiresSize);
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
    }

    @Override
    public void entry(byte[] key, Object value, long expireAtMs) {
        if (failure == null) {
            try {
                writer.writeKey(key, value, expireAtMs);
                keys++;
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
    }

    Exception failure() {
        return failure;
    }

    long keys() {
        return keys;
    }
}
