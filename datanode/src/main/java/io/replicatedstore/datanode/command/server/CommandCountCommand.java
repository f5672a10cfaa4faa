package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code COMMAND COUNT}: how many (top-level) commands the node has. */
final class CommandCountCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().integer(ctx.commands().size());
    }
}
