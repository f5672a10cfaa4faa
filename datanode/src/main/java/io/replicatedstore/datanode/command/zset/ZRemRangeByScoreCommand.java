package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZREMRANGEBYSCORE key min max}: the number of members removed. */
final class ZRemRangeByScoreCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZRemRange.run(ctx, ZRemRange.Type.SCORE);
    }
}
