package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;


/** {@code TIME}: [unix seconds, microseconds], both as bulk strings. */
final class TimeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        long micros = ctx.server().clock().micros();
        ctx.reply().array(2).bulk(micros / 1_000_000).bulk(micros % 1_000_000);
    }
}
