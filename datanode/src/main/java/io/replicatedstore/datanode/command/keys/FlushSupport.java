package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.store.Database;

/** FLUSHDB and FLUSHALL: the [ASYNC | SYNC] option, and emptying a database. */
final class FlushSupport {

    private FlushSupport() {
    }

    /** Validates the optional ASYNC / SYNC argument (both flush at once here). */
    static void parseMode(CommandContext ctx) {
        if (ctx.argc() == 1) {
            return;
        }
        if (ctx.argc() == 2 && (ctx.argIs(1, "sync") || ctx.argIs(1, "async"))) {
            return;
        }
        throw Errors.syntax();
    }

    /** Empties a database; watchers of keys it held fail their EXEC. Returns the keys removed. */
    static long flush(CommandContext ctx, Database db) {
        long removed = db.size();
        if (removed > 0) {
            KeySupport.touchWatched(ctx, db, key -> db.peek(key) != null);
            KeySupport.signalBlockedStreamKeys(ctx, db);
            db.clear();
        }
        return removed;
    }
}
