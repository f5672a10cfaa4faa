package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code SUNIONSTORE destination key [key ...]}: stores the union; replies with its cardinality. */
final class SUnionStoreCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Sets.store(ctx, ctx.arg(1), Sets.union(ctx, Sets.lookup(ctx, 2, ctx.argc())), "sunionstore");
    }
}
