package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code CLIENT GETREDIR}: -1, as client-side caching (tracking) is never enabled on this node. */
final class ClientGetRedirCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().integer(-1);
    }
}
