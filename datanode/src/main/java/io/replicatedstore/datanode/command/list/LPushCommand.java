package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code LPUSH key element [element ...]}. */
final class LPushCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Lists.pushCommand(ctx, true, false);
    }
}
