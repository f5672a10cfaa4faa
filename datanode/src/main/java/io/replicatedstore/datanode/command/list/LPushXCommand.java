package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code LPUSHX key element [element ...]}. */
final class LPushXCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Lists.pushCommand(ctx, true, true);
    }
}
