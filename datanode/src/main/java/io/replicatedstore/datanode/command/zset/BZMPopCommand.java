package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code BZMPOP timeout numkeys key [key ...] MIN | MAX [COUNT count]}. */
final class BZMPopCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZPop.zmpop(ctx, 2, true);
    }
}
