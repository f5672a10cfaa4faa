package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code INCR key}. */
final class IncrCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        IncrSupport.incrBy(ctx, 1);
    }
}
