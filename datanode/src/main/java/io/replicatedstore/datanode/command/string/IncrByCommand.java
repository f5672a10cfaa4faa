package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code INCRBY key increment}. */
final class IncrByCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        IncrSupport.incrBy(ctx, ctx.argLong(2));
    }
}
