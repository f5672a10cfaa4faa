package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.KeyspaceEvents;

/** {@code GETSET key value}: sets the value (dropping any TTL) and answers the old one. */
final class GetSetCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] old = ctx.db().getString(ctx.arg(1));
        ctx.db().put(ctx.arg(1), ctx.arg(2));
        ctx.modified(ctx.arg(1));
        ctx.keyspaceEvent(KeyspaceEvents.STRING, "set", ctx.arg(1));
        ctx.reply().bulk(old);
    }
}
