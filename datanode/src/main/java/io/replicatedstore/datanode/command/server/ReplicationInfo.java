package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.replication.ConnectedReplica;
import io.replicatedstore.datanode.replication.MasterLink;
import io.replicatedstore.datanode.replication.Replication;
import io.replicatedstore.datanode.replication.ReplicationBacklog;
import io.replicatedstore.datanode.server.Server;

import java.util.Locale;

/** INFO replication and the sync_* counters of INFO stats, with Redis 7.0's field names and order. */
public final class ReplicationInfo {

    private ReplicationInfo() {
    }

    public static String section(CommandContext ctx) {
        Server server = ctx.server();
        Replication replication = ctx.replication();
        long now = server.clock().millis();
        InfoWriter out = new InfoWriter("Replication");
        MasterLink link = replication.link();
        out.field("role", link == null ? "master" : "slave");
        if (link != null) {
            out.field("master_host", link.host())
                    .field("master_port", link.port())
                    .field("master_link_status", link.connected() ? "up" : "down")
                    .field("master_last_io_seconds_ago", link.connected() ? (now - link.lastIoMs()) / 1000 : -1)
                    .field("master_sync_in_progress", link.transferring() ? 1 : 0)
                    .field("slave_read_repl_offset", replication.offset())
                    .field("slave_repl_offset", replication.offset());
            if (link.transferring()) {
                long total = link.transferTotalBytes();
                long read = link.transferReadBytes();
                out.field("master_sync_total_bytes", total)
                        .field("master_sync_read_bytes", read)
                        .field("master_sync_left_bytes", total < 0 ? -1 : total - read)
                        .field("master_sync_perc", String.format(Locale.ROOT, "%.2f",
                                total <= 0 ? 0.0 : read * 100.0 / total))
                        .field("master_sync_last_io_seconds_ago", (now - link.lastIoMs()) / 1000);
            }
            if (!link.connected()) {
                out.field("master_link_down_since_seconds", (now - link.downSinceMs()) / 1000);
            }
            out.field("slave_priority", server.config().replicaPriority.get())
                    .field("slave_read_only", server.config().replicaReadOnly.get() ? 1 : 0)
                    .field("replica_announced", server.config().replicaAnnounced.get() ? 1 : 0);
        }
        long connected = replication.replicas().stream().filter(ConnectedReplica::synced).count();
        out.field("connected_slaves", connected);
        if (server.config().minReplicasToWrite.get() > 0 && server.config().minReplicasMaxLag.get() > 0) {
            out.field("min_slaves_good_slaves", replication.goodReplicas());
        }
        int index = 0;
        for (ConnectedReplica replica : replication.replicas()) {
            if (!replica.synced()) {
                continue;
            }
            long lag = replica.state() == ConnectedReplica.State.ONLINE ? (now - replica.ackTimeMs()) / 1000 : 0;
            out.field("slave" + index++, "ip=" + replica.ip() + ",port=" + replica.listeningPort() + ",state="
                    + replica.state().text() + ",offset=" + replica.ackOffset() + ",lag=" + lag);
        }
        ReplicationBacklog backlog = replication.backlog();
        out.field("master_failover_state", replication.failover().state().text())
                .field("master_replid", replication.ids().replid())
                .field("master_replid2", replication.ids().replid2())
                .field("master_repl_offset", replication.offset())
                .field("second_repl_offset", replication.ids().secondReplOffset())
                .field("repl_backlog_active", backlog == null ? 0 : 1)
                .field("repl_backlog_size", server.config().replBacklogSize.get())
                .field("repl_backlog_first_byte_offset", backlog == null ? 0 : backlog.firstByteOffset())
                .field("repl_backlog_histlen", backlog == null ? 0 : backlog.histlen());
        return out.text();
    }

    /** sync_full, sync_partial_ok, sync_partial_err, in INFO stats. */
    public static void syncStats(InfoWriter stats, Replication replication) {
        stats.field("sync_full", replication.syncFull())
                .field("sync_partial_ok", replication.syncPartialOk())
                .field("sync_partial_err", replication.syncPartialErr());
    }

    /** mem_replication_backlog. */
    public static long backlogMemory(Replication replication) {
        ReplicationBacklog backlog = replication.backlog();
        return backlog == null ? 0 : backlog.capacity();
    }
}
