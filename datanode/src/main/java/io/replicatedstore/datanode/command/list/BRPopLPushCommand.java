package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code BRPOPLPUSH source destination timeout}. */
final class BRPopLPushCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        long deadline = ctx.timeoutArg(3);
        Lists.blockingMove(ctx, false, true, deadline);
    }
}
