package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.Verbs;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.Database;

import java.nio.charset.StandardCharsets;

/**
 * Redis's expireGenericCommand for EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT with the 7.0 NX, XX,
 * GT and LT options. A time already in the past deletes the key (on a master; a replica keeps it
 * with the past expiry and waits for its master's DEL).
 */
final class ExpireSupport {

    static final String NX_INCOMPATIBLE = "ERR NX and XX, GT or LT options at the same time are not compatible";
    static final String GT_LT_INCOMPATIBLE = "ERR GT and LT options at the same time are not compatible";

    private ExpireSupport() {
    }

    /**
     * @param relative whether the argument counts from now (EXPIRE, PEXPIRE) or is a unix time
     * @param seconds whether the argument is in seconds (else milliseconds)
     */
    static void expire(CommandContext ctx, boolean relative, boolean seconds, String commandName) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int j = 3; j < ctx.argc(); j++) {
            if (ctx.argIs(j, "nx")) {
                nx = true;
            } else if (ctx.argIs(j, "xx")) {
                xx = true;
            } else if (ctx.argIs(j, "gt")) {
                gt = true;
            } else if (ctx.argIs(j, "lt")) {
                lt = true;
            } else {
                throw Errors.error("ERR Unsupported option " + new String(ctx.arg(j), StandardCharsets.UTF_8));
            }
        }
        if (nx && (xx || gt || lt)) {
            throw Errors.error(NX_INCOMPATIBLE);
        }
        if (gt && lt) {
            throw Errors.error(GT_LT_INCOMPATIBLE);
        }
        long when = ctx.argLong(2);
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                throw Errors.invalidExpire(commandName);
            }
            when *= 1000;
        }
        long base = relative ? ctx.now() : 0;
        if (when > Long.MAX_VALUE - base) {
            throw Errors.invalidExpire(commandName);
        }
        when += base;

        byte[] key = ctx.arg(1);
        Database db = ctx.db();
        if (db.get(key) == null) {
            ctx.reply().integer(0);
            return;
        }
        long current = db.expireAt(key);
        if ((nx && current != -1)
                || (xx && current == -1)
                || (gt && (current == -1 || when <= current))
                || (lt && current != -1 && when >= current)) {
            ctx.reply().integer(0);
            return;
        }
        if (when <= ctx.now() && ctx.keyspace().deletesExpiredKeys()) {
            db.delete(key);
            ctx.propagateAs(ctx.config().lazyfreeLazyExpire.get() ? Verbs.UNLINK : Verbs.DEL, key);
            ctx.modified(key);
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
        } else {
            db.setExpireAt(key, when);
            if (ctx.propagating() && (relative || seconds)) {
                // As Redis: PEXPIREAT key <absolute ms> with the options kept.
                byte[][] rewritten = ctx.argv().clone();
                rewritten[0] = Verbs.PEXPIREAT;
                rewritten[2] = Verbs.number(when);
                ctx.propagateAs(rewritten);
            }
            ctx.modified(key);
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "expire", key);
        }
        ctx.reply().integer(1);
    }

    /** TTL, PTTL, EXPIRETIME and PEXPIRETIME: -2 for a missing key, -1 without a time to live. */
    static void ttl(CommandContext ctx, boolean milliseconds, boolean absolute) {
        byte[] key = ctx.arg(1);
        Database db = ctx.db();
        if (db.getNoTouch(key) == null) {
            ctx.reply().integer(-2);
            return;
        }
        long expire = db.expireAt(key);
        if (expire == -1) {
            ctx.reply().integer(-1);
            return;
        }
        long ttl = absolute ? expire : expire - ctx.now();
        if (ttl < 0) {
            ttl = 0;
        }
        ctx.reply().integer(milliseconds ? ttl : (ttl + 500) / 1000);
    }
}
