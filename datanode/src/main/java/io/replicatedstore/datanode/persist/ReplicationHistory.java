package io.replicatedstore.datanode.persist;

import io.replicatedstore.datanode.persist.rdb.RdbWriteOptions;

/**
 * The replication history an RDB file records and a restart restores (repl-id, repl-offset,
 * repl-stream-db), so a restarted replica can resync partially. Replication, above this
 * package, provides it.
 */
public interface ReplicationHistory {

    /** No history: nothing is recorded or restored. */
    ReplicationHistory NONE = new ReplicationHistory() {
        @Override
        public RdbWriteOptions.Replication rdbSaveInfo() {
            return null;
        }

        @Override
        public void restoreHistory(String replid, long offset, int streamDb) {
        }
    };

    /** The history the RDB being written belongs to, or null. */
    RdbWriteOptions.Replication rdbSaveInfo();

    /** A loaded RDB file recorded this history. */
    void restoreHistory(String replid, long offset, int streamDb);
}
