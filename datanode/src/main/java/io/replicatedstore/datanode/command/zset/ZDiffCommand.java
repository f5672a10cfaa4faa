package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZDIFF numkeys key [key ...] [WITHSCORES]}. */
final class ZDiffCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZSetOperation.run(ctx, null, 1, ZSetOperation.Op.DIFF, false);
    }
}
