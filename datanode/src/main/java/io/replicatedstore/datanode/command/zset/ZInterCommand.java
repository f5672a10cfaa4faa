package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZINTER numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX] [WITHSCORES]}. */
final class ZInterCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZSetOperation.run(ctx, null, 1, ZSetOperation.Op.INTER, false);
    }
}
