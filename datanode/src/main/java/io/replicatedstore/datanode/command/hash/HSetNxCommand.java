package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.HashValue;

/** {@code HSETNX key field value}: sets the field only if it does not exist; replies 1 or 0. */
final class HSetNxCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        HashValue hash = ctx.db().getHash(key);
        if (hash != null && hash.contains(ctx.arg(2))) {
            ctx.reply().integer(0);
            return;
        }
        if (hash == null) {
            hash = new HashValue();
            ctx.db().put(key, hash);
        }
        hash.put(ctx.arg(2), ctx.arg(3));
        Hashes.updateEncoding(ctx, hash);
        ctx.modified(key);
        ctx.keyspaceEvent(KeyspaceEvents.HASH, "hset", key);
        ctx.reply().integer(1);
    }
}
