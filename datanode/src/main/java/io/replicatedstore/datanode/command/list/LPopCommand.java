package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code LPOP key [count]}. */
final class LPopCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Lists.popCommand(ctx, true);
    }
}
