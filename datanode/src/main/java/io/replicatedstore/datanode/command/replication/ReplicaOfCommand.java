package io.replicatedstore.datanode.command.replication;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.config.SpecialOptions.MasterAddress;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.replication.Failover;
import io.replicatedstore.datanode.replication.Replication;

/** {@code REPLICAOF host port | NO ONE} (and SLAVEOF): +OK at once, the sync runs in the background. */
final class ReplicaOfCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Replication replication = ctx.replication();
        if (replication.failover().state() != Failover.State.NO_FAILOVER) {
            throw new RedisException("ERR REPLICAOF not allowed while failing over.");
        }
        if (ctx.argIs(1, "no") && ctx.argIs(2, "one")) {
            if (replication.isReplica()) {
                replication.becomeMaster("user request from '" + ctx.client().address() + "'");
            }
            ctx.reply().ok();
            return;
        }
        if (ctx.client().isReplica()) {
            throw new RedisException("ERR Command is not valid when client is a replica.");
        }
        long port = ctx.argLong(2, "ERR Invalid master port");
        if (port < 0 || port > 65535) {
            throw new RedisException("ERR Invalid master port");
        }
        String host = ctx.argString(1);
        MasterAddress current = ctx.config().replicaof.get();
        if (replication.isReplica() && current != null && current.host().equalsIgnoreCase(host)
                && current.port() == port) {
            ctx.reply().simple("OK Already connected to specified master");
            return;
        }
        replication.becomeReplica(host, (int) port);
        ctx.reply().ok();
    }
}
