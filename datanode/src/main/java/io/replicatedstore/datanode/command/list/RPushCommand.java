package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code RPUSH key element [element ...]}. */
final class RPushCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Lists.pushCommand(ctx, false, false);
    }
}
