package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.KeyspaceEvents;

/** {@code PERSIST key}: 1 if a time to live was removed. */
final class PersistCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        if (ctx.db().get(key) != null && ctx.db().persist(key)) {
            ctx.modified(key);
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "persist", key);
            ctx.reply().integer(1);
        } else {
            ctx.reply().integer(0);
        }
    }
}
