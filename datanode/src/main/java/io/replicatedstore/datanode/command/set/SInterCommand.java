package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code SINTER key [key ...]}: a set reply; a missing key makes the intersection empty. */
final class SInterCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Sets.replySet(ctx, Sets.intersect(Sets.lookup(ctx, 1, ctx.argc()), 0));
    }
}
