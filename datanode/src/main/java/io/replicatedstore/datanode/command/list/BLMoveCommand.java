package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout}. */
final class BLMoveCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        boolean fromLeft = Lists.isLeft(ctx, 3);
        boolean toLeft = Lists.isLeft(ctx, 4);
        long deadline = ctx.timeoutArg(5);
        Lists.blockingMove(ctx, fromLeft, toLeft, deadline);
    }
}
