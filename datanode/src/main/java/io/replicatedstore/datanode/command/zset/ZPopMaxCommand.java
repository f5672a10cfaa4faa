package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code ZPOPMAX key [count]}. */
final class ZPopMaxCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZPop.zpop(ctx, true);
    }
}
