package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code SDIFFSTORE destination key [key ...]}: stores the difference; replies with its cardinality. */
final class SDiffStoreCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Sets.store(ctx, ctx.arg(1), Sets.diff(ctx, Sets.lookup(ctx, 2, ctx.argc())), "sdiffstore");
    }
}
