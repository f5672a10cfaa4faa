package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZRANGE key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]}. */
final class ZRangeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZRangeQuery.run(ctx, 1, false, ZRangeQuery.Type.AUTO, ZRangeQuery.Direction.AUTO);
    }
}
