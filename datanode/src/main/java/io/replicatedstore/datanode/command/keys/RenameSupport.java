package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.Database;

import java.util.Arrays;

/** Redis's renameGenericCommand for RENAME and RENAMENX: the value keeps its time to live. */
final class RenameSupport {

    private RenameSupport() {
    }

    /** Returns whether the key was renamed (false: RENAMENX found the new name taken, or same name). */
    static boolean rename(CommandContext ctx, boolean nx) {
        byte[] from = ctx.arg(1);
        byte[] to = ctx.arg(2);
        Database db = ctx.db();
        Object value = db.get(from);
        if (value == null) {
            throw Errors.error(Errors.NO_SUCH_KEY);
        }
        if (Arrays.equals(from, to)) {
            return false;
        }
        long expire = db.expireAt(from);
        if (db.get(to) != null) {
            if (nx) {
                return false;
            }
            db.delete(to);
        }
        db.put(to, value);
        if (expire != -1) {
            db.setExpireAt(to, expire);
        }
        db.delete(from);
        ctx.modified(from);
        ctx.modified(to);
        ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "rename_from", from);
        ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "rename_to", to);
        return true;
    }
}
