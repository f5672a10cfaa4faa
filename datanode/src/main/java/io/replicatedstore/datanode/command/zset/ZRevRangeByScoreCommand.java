package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count]}. */
final class ZRevRangeByScoreCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZRangeQuery.run(ctx, 1, false, ZRangeQuery.Type.SCORE, ZRangeQuery.Direction.REVERSE);
    }
}
