package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code CLIENT ID}: this connection's id. */
final class ClientIdCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().integer(ctx.client().id());
    }
}
