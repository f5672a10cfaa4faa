package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.Database;

/**
 * {@code MOVE key db}: 1 if moved (with its time to live), 0 if the key is missing or already
 * exists in the target database.
 */
final class MoveCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Database src = ctx.db();
        Database dst = KeySupport.dbArg(ctx, 2);
        if (src == dst) {
            throw Errors.error(KeySupport.SAME_OBJECT);
        }
        byte[] key = ctx.arg(1);
        Object value = src.get(key);
        if (value == null) {
            ctx.reply().integer(0);
            return;
        }
        long expire = src.expireAt(key);
        if (dst.get(key) != null) {
            ctx.reply().integer(0);
            return;
        }
        dst.put(key, value);
        if (expire != -1) {
            dst.setExpireAt(key, expire);
        }
        src.delete(key);
        ctx.modified(src, key);
        ctx.modified(dst, key);
        ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "move_from", src, key);
        ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "move_to", dst, key);
        ctx.reply().integer(1);
    }
}
