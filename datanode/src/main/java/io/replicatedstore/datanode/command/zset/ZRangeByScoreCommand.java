package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]}. */
final class ZRangeByScoreCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZRangeQuery.run(ctx, 1, false, ZRangeQuery.Type.SCORE, ZRangeQuery.Direction.FORWARD);
    }
}
