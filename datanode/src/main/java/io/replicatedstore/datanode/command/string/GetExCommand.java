package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.Verbs;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.Database;

/**
 * {@code GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds |
 * PXAT unix-time-milliseconds | PERSIST]}: GET that also sets or removes the time to live. An
 * EXAT/PXAT already in the past deletes the key (after answering its value).
 */
final class GetExCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ExtendedOptions options = ExtendedOptions.parse(ctx, false);
        byte[] key = ctx.arg(1);
        Database db = ctx.db();
        byte[] value = db.getString(key);
        if (value == null) {
            ctx.reply().nullBulk();
            return;
        }
        long expireAt = options.expireIndex < 0 ? -1
                : ExtendedOptions.expireMillis(ctx, options.expireIndex, options.flags, "getex");
        ctx.reply().bulk(value);
        boolean absolute = options.has(ExtendedOptions.EXAT | ExtendedOptions.PXAT);
        if (absolute && expireAt <= ctx.now() && ctx.keyspace().deletesExpiredKeys()) {
            db.delete(key);
            ctx.modified(key);
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
            ctx.propagateAs(ctx.config().lazyfreeLazyExpire.get() ? Verbs.UNLINK : Verbs.DEL, key);
        } else if (expireAt >= 0) {
            db.setExpireAt(key, expireAt);
            ctx.modified(key);
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "expire", key);
            ctx.propagateAs(Verbs.PEXPIREAT, key, Verbs.number(expireAt));
        } else if (options.has(ExtendedOptions.PERSIST) && db.persist(key)) {
            ctx.modified(key);
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "persist", key);
            ctx.propagateAs(Verbs.PERSIST, key);
        }
    }
}
