package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code BLPOP key [key ...] timeout}. */
final class BLPopCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Lists.blpop(ctx, true);
    }
}
