package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code BRPOP key [key ...] timeout}. */
final class BRPopCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Lists.blpop(ctx, false);
    }
}
