package io.replicatedstore.datanode.command.replication;

import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/**
 * Replication commands: REPLICAOF (SLAVEOF), REPLCONF, PSYNC, SYNC, WAIT, ROLE, FAILOVER, with
 * Redis 7.0's arity, flags and since versions.
 */
public final class ReplicationCommands {

    private ReplicationCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("replicaof", 3, "admin noscript stale").group("server").since("5.0.0")
                .summary("Makes this node a replica of another, or a master again with NO ONE")
                .handler(new ReplicaOfCommand()));
        table.add(command("slaveof", 3, "admin noscript stale").group("server").since("1.0.0")
                .summary("Old name of REPLICAOF").handler(new ReplicaOfCommand()));
        table.add(command("replconf", -1, "admin noscript loading stale allow_busy").group("server").since("3.0.0")
                .summary("Used by replicas to tell their master about themselves and acknowledge offsets")
                .handler(new ReplConfCommand()));
        table.add(command("psync", -3, "admin noscript no_multi").group("server").since("2.8.0")
                .summary("Used by replicas to continue a replication history or start a full resync")
                .handler(new PsyncCommand()));
        table.add(command("sync", 1, "admin noscript no_multi").group("server").since("1.0.0")
                .summary("Used by old replicas to get a full copy of the data and the stream after it")
                .handler(ctx -> ctx.replication().sync(ctx.client(), null, -1, false)));
        table.add(command("wait", 3, "noscript").group("generic").since("3.0.0")
                .summary("Waits until replicas acknowledged this client's writes, or a timeout")
                .handler(new WaitCommand()));
        table.add(command("role", 1, "noscript loading stale fast").group("server").since("2.8.12")
                .summary("Tells whether this node is a master or a replica, with its replication state")
                .handler(new RoleCommand()));
        table.add(command("failover", -1, "admin noscript stale").group("server").since("6.2.0")
                .summary("Hands the master role to a replica without losing acknowledged writes")
                .handler(new FailoverCommand()));
    }
}
