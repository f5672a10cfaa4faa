package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.ListValue;

/** {@code LTRIM key start stop}. */
final class LTrimCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        long start = ctx.argLong(2);
        long stop = ctx.argLong(3);
        byte[] key = ctx.arg(1);
        ListValue list = ctx.db().getList(key);
        if (list == null) {
            ctx.reply().ok();
            return;
        }
        int size = list.size();
        int[] range = ListValue.normalizeRange(start, stop, size);
        int removed;
        if (range == null) {
            removed = size;
            list.clear();
        } else {
            removed = size - (range[1] - range[0] + 1);
            list.trim(range[0], range[1]);
        }
        ctx.keyspaceEvent(KeyspaceEvents.LIST, "ltrim", key);
        if (list.isEmpty()) {
            ctx.db().delete(key);
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
        } else {
            Lists.updateEncoding(ctx, list);
        }
        ctx.modified(key); // Redis signals the key even when nothing was trimmed
        ctx.dirty(removed - 1);
        ctx.reply().ok();
    }
}
