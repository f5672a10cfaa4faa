package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

import java.time.Instant;

/** {@code TIME}: [unix seconds, microseconds], both as bulk strings. */
final class TimeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Instant now = Instant.now();
        ctx.reply().array(2).bulk(now.getEpochSecond()).bulk(now.getNano() / 1000);
    }
}
