package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.server.ClientDescriptions;
import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code CLIENT INFO}: this connection's CLIENT LIST line. */
final class ClientInfoCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().verbatim(ClientDescriptions.line(ctx.client(), ctx.server().clock().millis(), ctx.spec().fullName()) + "\n");
    }
}
