package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZREMRANGEBYRANK key start stop}: the number of members removed. */
final class ZRemRangeByRankCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZRemRange.run(ctx, ZRemRange.Type.RANK);
    }
}
