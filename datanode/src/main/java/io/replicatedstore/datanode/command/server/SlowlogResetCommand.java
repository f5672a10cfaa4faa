package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code SLOWLOG RESET}: empties the slow log. */
final class SlowlogResetCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.server().slowlog().reset();
        ctx.reply().ok();
    }
}
