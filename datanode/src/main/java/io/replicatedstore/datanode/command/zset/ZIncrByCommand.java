package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZINCRBY key increment member}: ZADD with INCR, replying with the new score. */
final class ZIncrByCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZAddCommand.zadd(ctx, true);
    }
}
