package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code LMOVE source destination LEFT|RIGHT LEFT|RIGHT}. */
final class LMoveCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        boolean fromLeft = Lists.isLeft(ctx, 3);
        boolean toLeft = Lists.isLeft(ctx, 4);
        Lists.move(ctx, ctx.arg(1), ctx.arg(2), fromLeft, toLeft);
    }
}
