package io.replicatedstore.datanode.command.connection;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ECHO message}: replies with the message. */
final class EchoCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().bulk(ctx.arg(1));
    }
}
