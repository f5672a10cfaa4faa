package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.Verbs;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.Database;

/**
 * {@code SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds |
 * PXAT unix-time-milliseconds | KEEPTTL]}.
 */
final class SetCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ExtendedOptions options = ExtendedOptions.parse(ctx, true);
        SetOutcome outcome = set(ctx, options.flags, ctx.arg(1), ctx.arg(2), options.expireIndex, "set");
        if (!options.has(ExtendedOptions.GET)) {
            if (outcome == SetOutcome.DONE) {
                ctx.reply().ok();
            } else {
                ctx.reply().nullBulk();
            }
        }
    }

    enum SetOutcome { DONE, ABORTED }

    /**
     * Redis's setGenericCommand without the final reply: validates the expiry, answers the old
     * value first when GET is given, and applies NX/XX. The caller replies for the non-GET forms.
     */
    static SetOutcome set(CommandContext ctx, int flags, byte[] key, byte[] value, int expireIndex, String commandName) {
        long expireAt = expireIndex < 0 ? -1 : ExtendedOptions.expireMillis(ctx, expireIndex, flags, commandName);
        Database db = ctx.db();
        boolean get = (flags & ExtendedOptions.GET) != 0;
        if (get) {
            Object old = db.get(key);
            if (old != null && !(old instanceof byte[])) {
                throw Errors.wrongType();
            }
            ctx.reply().bulk((byte[]) old);
        }
        boolean found = db.get(key) != null;
        if (((flags & ExtendedOptions.NX) != 0 && found) || ((flags & ExtendedOptions.XX) != 0 && !found)) {
            return SetOutcome.ABORTED;
        }
        if ((flags & ExtendedOptions.KEEPTTL) != 0) {
            db.putKeepTtl(key, value);
        } else {
            db.put(key, value);
        }
        if (expireAt >= 0) {
            db.setExpireAt(key, expireAt);
            // As Redis: SET key value PXAT <absolute ms> (NX/XX/GET dropped, the SET happened).
            ctx.propagateAs(Verbs.SET, key, value, Verbs.PXAT, Verbs.number(expireAt));
        }
        ctx.modified(key);
        ctx.keyspaceEvent(KeyspaceEvents.STRING, "set", key);
        if (expireAt >= 0) {
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "expire", key);
        }
        return SetOutcome.DONE;
    }
}
