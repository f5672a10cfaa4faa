package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code BZPOPMIN key [key ...] timeout}. */
final class BZPopMinCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZPop.bzpop(ctx, false);
    }
}
