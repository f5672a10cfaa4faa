package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZPOPMIN key [count]}. */
final class ZPopMinCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZPop.zpop(ctx, false);
    }
}
