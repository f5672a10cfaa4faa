package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code RPOPLPUSH source destination}. */
final class RPopLPushCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Lists.move(ctx, ctx.arg(1), ctx.arg(2), false, true);
    }
}
