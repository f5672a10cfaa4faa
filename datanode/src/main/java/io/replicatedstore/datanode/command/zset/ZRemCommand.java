package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.ZSetValue;

/** {@code ZREM key member [member ...]}: the number of members removed. */
final class ZRemCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        ZSetValue zset = ctx.db().getZSet(key);
        if (zset == null) {
            ctx.reply().integer(0);
            return;
        }
        long deleted = 0;
        for (int j = 2; j < ctx.argc(); j++) {
            if (zset.remove(ctx.arg(j))) {
                deleted++;
                if (zset.isEmpty()) {
                    break;
                }
            }
        }
        if (deleted > 0) {
            ZSets.removed(ctx, key, zset, "zrem");
            ctx.modified(key);
            ctx.dirty(deleted - 1);
        }
        ctx.reply().integer(deleted);
    }
}
