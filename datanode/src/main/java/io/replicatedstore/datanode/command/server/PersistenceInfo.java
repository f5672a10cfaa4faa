package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.server.Server;

/**
 * INFO persistence, and the last save time LASTSAVE reports. The node has no RDB/AOF yet, so
 * this reports a server that never saved: nothing in progress, last save = start time. The
 * persistence implementation replaces the values here (its own state), keeping Redis's fields.
 */
public final class PersistenceInfo {

    private PersistenceInfo() {
    }

    /** Unix time in seconds of the last successful save (LASTSAVE, rdb_last_save_time). */
    public static long lastSaveTime(Server server) {
        return server.startMs() / 1000;
    }

    public static String section(Server server) {
        return new InfoWriter("Persistence")
                .field("loading", 0)
                .field("async_loading", 0)
                .field("current_cow_peak", 0)
                .field("current_cow_size", 0)
                .field("current_cow_size_age", 0)
                .fixed2("current_fork_perc", 0)
                .field("current_save_keys_processed", 0)
                .field("current_save_keys_total", 0)
                .field("rdb_changes_since_last_save", server.dirty())
                .field("rdb_bgsave_in_progress", 0)
                .field("rdb_last_save_time", lastSaveTime(server))
                .field("rdb_last_bgsave_status", "ok")
                .field("rdb_last_bgsave_time_sec", -1)
                .field("rdb_current_bgsave_time_sec", -1)
                .field("rdb_saves", 0)
                .field("rdb_last_cow_size", 0)
                .field("rdb_last_load_keys_expired", 0)
                .field("rdb_last_load_keys_loaded", 0)
                .field("aof_enabled", server.config().appendonly.get() ? 1 : 0)
                .field("aof_rewrite_in_progress", 0)
                .field("aof_rewrite_scheduled", 0)
                .field("aof_last_rewrite_time_sec", -1)
                .field("aof_current_rewrite_time_sec", -1)
                .field("aof_last_bgrewrite_status", "ok")
                .field("aof_rewrites", 0)
                .field("aof_rewrites_consecutive_failures", 0)
                .field("aof_last_write_status", "ok")
                .field("aof_last_cow_size", 0)
                .field("module_fork_in_progress", 0)
                .field("module_fork_last_cow_size", 0)
                .text();
    }
}
