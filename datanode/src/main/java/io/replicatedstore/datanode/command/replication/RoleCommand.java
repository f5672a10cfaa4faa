package io.replicatedstore.datanode.command.replication;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.replication.ConnectedReplica;
import io.replicatedstore.datanode.replication.MasterLink;
import io.replicatedstore.datanode.replication.Replication;
import io.replicatedstore.datanode.resp.RespWriter;

import java.util.List;

/**
 * {@code ROLE}: {@code master, offset, [[ip, port, acked offset], ...]} for online replicas, or
 * {@code slave, host, port, state, offset} (offset -1 until the stream runs).
 */
final class RoleCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Replication replication = ctx.replication();
        RespWriter out = ctx.reply();
        MasterLink link = replication.link();
        if (link != null) {
            out.array(5).bulk("slave").bulk(link.host()).integer(link.port()).bulk(link.roleState())
                    .integer(link.connected() ? replication.offset() : -1);
            return;
        }
        List<ConnectedReplica> online = replication.replicas().stream()
                .filter(r -> r.state() == ConnectedReplica.State.ONLINE).toList();
        out.array(3).bulk("master").integer(replication.offset()).array(online.size());
        for (ConnectedReplica replica : online) {
            out.array(3).bulk(replica.ip()).bulk(Integer.toString(replica.listeningPort()))
                    .bulk(Long.toString(replica.ackOffset()));
        }
    }
}
