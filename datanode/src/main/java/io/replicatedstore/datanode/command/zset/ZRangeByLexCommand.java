package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZRANGEBYLEX key min max [LIMIT offset count]}. */
final class ZRangeByLexCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZRangeQuery.run(ctx, 1, false, ZRangeQuery.Type.LEX, ZRangeQuery.Direction.FORWARD);
    }
}
