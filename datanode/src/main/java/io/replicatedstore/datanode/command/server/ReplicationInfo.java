package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.server.Server;

/**
 * INFO replication (and the sync_* counters of INFO stats). Until replication exists the node
 * is a master without replicas or backlog; the replication implementation replaces this.
 */
public final class ReplicationInfo {

    private static final String NO_REPLID = "0000000000000000000000000000000000000000";

    private ReplicationInfo() {
    }

    public static String section(Server server) {
        return new InfoWriter("Replication")
                .field("role", "master")
                .field("connected_slaves", 0)
                .field("master_failover_state", "no-failover")
                .field("master_replid", server.runId())
                .field("master_replid2", NO_REPLID)
                .field("master_repl_offset", 0)
                .field("second_repl_offset", -1)
                .field("repl_backlog_active", 0)
                .field("repl_backlog_size", server.config().replBacklogSize.get())
                .field("repl_backlog_first_byte_offset", 0)
                .field("repl_backlog_histlen", 0)
                .text();
    }

    /** sync_full, sync_partial_ok, sync_partial_err, in INFO stats. */
    public static void syncStats(InfoWriter stats, Server server) {
        stats.field("sync_full", 0)
                .field("sync_partial_ok", 0)
                .field("sync_partial_err", 0);
    }
}
