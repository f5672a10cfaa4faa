package io.replicatedstore.datanode.command.connection;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code QUIT}: replies OK and closes the connection once the reply is sent. Extra arguments are ignored. */
final class QuitCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().ok();
        ctx.client().closeAfterReply();
    }
}
