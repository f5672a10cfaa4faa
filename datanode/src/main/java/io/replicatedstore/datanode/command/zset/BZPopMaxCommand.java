package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code BZPOPMAX key [key ...] timeout}. */
final class BZPopMaxCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZPop.bzpop(ctx, true);
    }
}
