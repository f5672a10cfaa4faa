package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/**
 * {@code SINTERSTORE destination key [key ...]}: stores the intersection (deleting the
 * destination when it is empty) and replies with its cardinality.
 */
final class SInterStoreCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        var members = Sets.intersect(Sets.lookup(ctx, 2, ctx.argc()), 0);
        Sets.store(ctx, ctx.arg(1), Sets.build(ctx, members), "sinterstore");
    }
}
