package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZREVRANGE key start stop [WITHSCORES]}. */
final class ZRevRangeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZRangeQuery.run(ctx, 1, false, ZRangeQuery.Type.RANK, ZRangeQuery.Direction.REVERSE);
    }
}
