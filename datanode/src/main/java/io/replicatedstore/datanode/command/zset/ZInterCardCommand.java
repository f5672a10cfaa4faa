package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZINTERCARD numkeys key [key ...] [LIMIT limit]}. */
final class ZInterCardCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZSetOperation.run(ctx, null, 1, ZSetOperation.Op.INTER, true);
    }
}
