package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code RPOP key [count]}. */
final class RPopCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Lists.popCommand(ctx, false);
    }
}
