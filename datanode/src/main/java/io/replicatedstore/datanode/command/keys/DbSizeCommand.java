package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code DBSIZE}: the number of keys in the selected database (expired ones not yet removed included, as Redis). */
final class DbSizeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().integer(ctx.db().size());
    }
}
