package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZDIFFSTORE destination numkeys key [key ...]}. */
final class ZDiffStoreCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZSetOperation.run(ctx, ctx.arg(1), 2, ZSetOperation.Op.DIFF, false);
    }
}
