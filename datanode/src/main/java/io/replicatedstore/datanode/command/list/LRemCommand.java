package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.ListValue;

/** {@code LREM key count element}. */
final class LRemCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        long count = ctx.argLong(2);
        byte[] key = ctx.arg(1);
        ListValue list = ctx.db().getList(key);
        if (list == null) {
            ctx.reply().integer(0);
            return;
        }
        int removed = list.removeOccurrences(ctx.arg(3), count);
        if (removed > 0) {
            ctx.keyspaceEvent(KeyspaceEvents.LIST, "lrem", key);
            if (list.isEmpty()) {
                ctx.db().delete(key);
                ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
            } else {
                Lists.updateEncoding(ctx, list);
            }
            ctx.modified(key);
            ctx.dirty(removed - 1);
        }
        ctx.reply().integer(removed);
    }
}
