package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZRANGESTORE dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count]}. */
final class ZRangeStoreCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZRangeQuery.run(ctx, 2, true, ZRangeQuery.Type.AUTO, ZRangeQuery.Direction.AUTO);
    }
}
