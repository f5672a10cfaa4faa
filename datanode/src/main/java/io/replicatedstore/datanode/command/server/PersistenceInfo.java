package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.persist.Persistence;
import io.replicatedstore.datanode.persist.aof.AppendOnlyFile;
import io.replicatedstore.datanode.server.Server;

/**
 * INFO persistence, and the last save time LASTSAVE reports, from the node's {@link Persistence}
 * state with Redis 7.0's field names. There is no fork: the cow fields report the memory a
 * background save buffers instead (see rdb_last_cow_size).
 */
public final class PersistenceInfo {

    private PersistenceInfo() {
    }

    /** Unix time in seconds of the last successful save (LASTSAVE, rdb_last_save_time). */
    public static long lastSaveTime(Persistence persistence) {
        return persistence.lastSaveTime();
    }

    public static String section(CommandContext ctx) {
        Server server = ctx.server();
        Persistence p = ctx.persistence();
        boolean inProgress = p.backgroundSaveInProgress();
        AppendOnlyFile aof = ctx.aof();
        InfoWriter info = new InfoWriter("Persistence")
                .field("loading", p.loading() ? 1 : 0)
                .field("async_loading", 0)
                .field("current_cow_peak", 0)
                .field("current_cow_size", 0)
                .field("current_cow_size_age", 0)
                .fixed2("current_fork_perc", 0)
                .field("current_save_keys_processed", p.currentKeysProcessed())
                .field("current_save_keys_total", inProgress ? server.keyspace().totalKeys() : 0)
                .field("rdb_changes_since_last_save", server.dirty())
                .field("rdb_bgsave_in_progress", inProgress ? 1 : 0)
                .field("rdb_last_save_time", lastSaveTime(p))
                .field("rdb_last_bgsave_status", p.lastBgsaveOk() ? "ok" : "err")
                .field("rdb_last_bgsave_time_sec", p.lastBgsaveSeconds())
                .field("rdb_current_bgsave_time_sec", p.currentBgsaveSeconds())
                .field("rdb_saves", p.saves())
                // No fork, so no copy-on-write: this is the peak number of bytes the last
                // background save held in memory (serialised but not yet written to disk).
                .field("rdb_last_cow_size", p.lastPeakBuffered())
                .field("rdb_last_load_keys_expired", p.lastLoadKeysExpired())
                .field("rdb_last_load_keys_loaded", p.lastLoadKeysLoaded())
                .field("aof_enabled", aof.enabled() ? 1 : 0)
                .field("aof_rewrite_in_progress", aof.rewriteInProgress() ? 1 : 0)
                .field("aof_rewrite_scheduled", aof.rewriteScheduled() ? 1 : 0)
                .field("aof_last_rewrite_time_sec", aof.lastRewriteSeconds())
                .field("aof_current_rewrite_time_sec", aof.currentRewriteSeconds())
                .field("aof_last_bgrewrite_status", aof.lastRewriteOk() ? "ok" : "err")
                .field("aof_rewrites", aof.rewrites())
                .field("aof_rewrites_consecutive_failures", aof.consecutiveFailures())
                .field("aof_last_write_status", aof.writeError() == null ? "ok" : "err")
                .field("aof_last_cow_size", 0)
                .field("module_fork_in_progress", 0)
                .field("module_fork_last_cow_size", 0);
        if (aof.enabled()) {
            info.field("aof_current_size", aof.currentSize())
                    .field("aof_base_size", aof.baseSize())
                    .field("aof_pending_rewrite", aof.rewriteScheduled() ? 1 : 0)
                    .field("aof_buffer_length", aof.bufferLength())
                    .field("aof_pending_bio_fsync", 0)
                    .field("aof_delayed_fsync", 0);
        }
        return info.text();
    }
}
