package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.SetValue;

/** {@code SREM key member [member ...]}: replies with the number removed; an emptied set is deleted. */
final class SRemCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        SetValue set = ctx.db().getSet(key);
        if (set == null) {
            ctx.reply().integer(0);
            return;
        }
        int removed = 0;
        for (int i = 2; i < ctx.argc(); i++) {
            if (set.remove(ctx.arg(i))) {
                removed++;
                if (set.isEmpty()) {
                    ctx.db().delete(key);
                    break;
                }
            }
        }
        if (removed > 0) {
            ctx.modified(key);
            ctx.keyspaceEvent(KeyspaceEvents.SET, "srem", key);
            if (!ctx.db().exists(key)) {
                ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
            }
            ctx.dirty(removed - 1);
        }
        ctx.reply().integer(removed);
    }
}
