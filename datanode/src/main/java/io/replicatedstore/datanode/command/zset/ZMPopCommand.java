package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZMPOP numkeys key [key ...] MIN | MAX [COUNT count]}. */
final class ZMPopCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZPop.zmpop(ctx, 1, false);
    }
}
