package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.Keyspace;

/**
 * {@code SWAPDB index1 index2}: exchanges the contents of two databases; clients stay in the
 * database (index) they selected. Watchers of keys that exist on either side fail their EXEC, and
 * clients blocked on keys that now hold data get served.
 */
final class SwapDbCommand implements Command {

    static final String INVALID_FIRST = "ERR invalid first DB index";
    static final String INVALID_SECOND = "ERR invalid second DB index";

    @Override
    public void execute(CommandContext ctx) {
        int id1 = KeySupport.intArg(ctx, 1, INVALID_FIRST);
        int id2 = KeySupport.intArg(ctx, 2, INVALID_SECOND);
        Keyspace keyspace = ctx.keyspace();
        if (id1 < 0 || id1 >= keyspace.count() || id2 < 0 || id2 >= keyspace.count()) {
            throw Errors.error(Errors.DB_INDEX_OUT_OF_RANGE);
        }
        if (id1 != id2) {
            Database db1 = keyspace.db(id1);
            Database db2 = keyspace.db(id2);
            KeySupport.touchWatched(ctx, db1, key -> db1.peek(key) != null || db2.peek(key) != null);
            KeySupport.touchWatched(ctx, db2, key -> db2.peek(key) != null || db1.peek(key) != null);
            keyspace.swap(id1, id2);
            KeySupport.signalReadyKeys(ctx, db1);
            KeySupport.signalReadyKeys(ctx, db2);
        }
        ctx.dirty(1);
        ctx.reply().ok();
    }
}
