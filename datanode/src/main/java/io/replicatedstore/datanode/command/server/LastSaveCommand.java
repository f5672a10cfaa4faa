package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code LASTSAVE}: unix time of the last successful save (see {@link PersistenceInfo}). */
final class LastSaveCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().integer(PersistenceInfo.lastSaveTime(ctx.persistence()));
    }
}
