package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.KeyspaceEvents;

/** {@code DEL key [key ...]}: answers how many keys were removed. */
final class DelCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().integer(deleteAll(ctx));
    }

    static long deleteAll(CommandContext ctx) {
        long deleted = 0;
        for (int i = 1; i < ctx.argc(); i++) {
            if (ctx.db().delete(ctx.arg(i))) {
                ctx.modified(ctx.arg(i));
                ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", ctx.arg(i));
                deleted++;
            }
        }
        return deleted;
    }
}
