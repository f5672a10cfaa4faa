package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.HashValue;

/** {@code HSET key field value [field value ...]}: replies with the number of fields added. */
final class HSetCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().integer(setPairs(ctx));
    }

    /** Sets every field/value pair from argument 2 on; returns how many fields were new. */
    static int setPairs(CommandContext ctx) {
        if (ctx.argc() % 2 == 1) {
            throw Errors.wrongArgs(ctx.spec().fullName());
        }
        byte[] key = ctx.arg(1);
        HashValue hash = ctx.db().getHash(key);
        if (hash == null) {
            hash = new HashValue();
            ctx.db().put(key, hash);
        }
        int added = 0;
        for (int i = 2; i < ctx.argc(); i += 2) {
            if (hash.put(ctx.arg(i), ctx.arg(i + 1))) {
                added++;
            }
        }
        Hashes.updateEncoding(ctx, hash);
        ctx.modified(key);
        ctx.keyspaceEvent(KeyspaceEvents.HASH, "hset", key);
        ctx.dirty((ctx.argc() - 2) / 2 - 1); // Redis counts one change per pair
        return added;
    }
}
