package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.Database;

import java.util.Arrays;

/**
 * {@code COPY source destination [DB destination-db] [REPLACE]}: a deep copy with the same time
 * to live; 1 if copied, 0 if the source is missing or the destination exists without REPLACE.
 */
final class CopyCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Database src = ctx.db();
        Database dst = src;
        boolean replace = false;
        for (int j = 3; j < ctx.argc(); j++) {
            int additional = ctx.argc() - j - 1;
            if (ctx.argIs(j, "replace")) {
                replace = true;
            } else if (ctx.argIs(j, "db") && additional >= 1) {
                dst = KeySupport.dbArg(ctx, j + 1);
                j++;
            } else {
                throw Errors.syntax();
            }
        }
        byte[] key = ctx.arg(1);
        byte[] newKey = ctx.arg(2);
        if (src == dst && Arrays.equals(key, newKey)) {
            throw Errors.error(KeySupport.SAME_OBJECT);
        }
        Object value = src.get(key);
        if (value == null) {
            ctx.reply().integer(0);
            return;
        }
        long expire = src.expireAt(key);
        if (dst.get(newKey) != null) {
            if (!replace) {
                ctx.reply().integer(0);
                return;
            }
            dst.delete(newKey);
        }
        dst.put(newKey, Values.deepCopy(value, ctx.config()));
        if (expire != -1) {
            dst.setExpireAt(newKey, expire);
        }
        ctx.modified(dst, newKey);
        ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "copy_to", dst, newKey);
        ctx.reply().integer(1);
    }
}
