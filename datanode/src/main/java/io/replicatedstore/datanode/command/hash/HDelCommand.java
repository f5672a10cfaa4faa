package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.HashValue;

/** {@code HDEL key field [field ...]}: replies with the number of fields removed. */
final class HDelCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        HashValue hash = ctx.db().getHash(key);
        if (hash == null) {
            ctx.reply().integer(0);
            return;
        }
        int deleted = 0;
        boolean keyRemoved = false;
        for (int i = 2; i < ctx.argc(); i++) {
            if (hash.remove(ctx.arg(i))) {
                deleted++;
                if (hash.isEmpty()) {
                    ctx.db().delete(key);
                    keyRemoved = true;
                    break;
                }
            }
        }
        if (deleted > 0) {
            ctx.modified(key);
            ctx.keyspaceEvent(KeyspaceEvents.HASH, "hdel", key);
            if (keyRemoved) {
                ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
            }
            ctx.dirty(deleted - 1);
        }
        ctx.reply().integer(deleted);
    }
}
