package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code CLIENT UNPAUSE}: ends a CLIENT PAUSE; waiting clients resume on the next server tick. */
final class ClientUnpauseCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.server().pause().unpause();
        ctx.reply().ok();
    }
}
