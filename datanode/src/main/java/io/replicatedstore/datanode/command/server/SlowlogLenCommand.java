package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code SLOWLOG LEN}: how many entries the slow log holds. */
final class SlowlogLenCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().integer(ctx.server().slowlog().size());
    }
}
