package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code SUNION key [key ...]}: a set reply. */
final class SUnionCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Sets.replySet(ctx, Sets.union(ctx, Sets.lookup(ctx, 1, ctx.argc())).members());
    }
}
