package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX]}. */
final class ZUnionStoreCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZSetOperation.run(ctx, ctx.arg(1), 2, ZSetOperation.Op.UNION, false);
    }
}
