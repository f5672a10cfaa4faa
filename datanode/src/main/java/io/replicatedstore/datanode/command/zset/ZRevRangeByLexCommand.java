package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZREVRANGEBYLEX key max min [LIMIT offset count]}. */
final class ZRevRangeByLexCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZRangeQuery.run(ctx, 1, false, ZRangeQuery.Type.LEX, ZRangeQuery.Direction.REVERSE);
    }
}
