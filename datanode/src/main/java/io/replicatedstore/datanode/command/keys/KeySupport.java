package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.WatchedKeys;
import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.ListValue;
import io.replicatedstore.datanode.store.ZSetValue;
import io.replicatedstore.datanode.util.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What several key commands share: database index arguments, WATCH and blocked-client signals. */
final class KeySupport {

    static final String SAME_OBJECT = "ERR source and destination objects are the same";

    private KeySupport() {
    }

    /** Redis's getIntFromObjectOrReply: a 32-bit integer, or the given error. */
    static int intArg(CommandContext ctx, int index, String error) {
        Long value = Numbers.parseLong(ctx.arg(index));
        if (value == null || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw Errors.error(error);
        }
        return value.intValue();
    }

    /** A database index argument (MOVE, COPY DB): an int, then "DB index is out of range". */
    static Database dbArg(CommandContext ctx, int index) {
        int id = intArg(ctx, index, Errors.NOT_INTEGER);
        if (id < 0 || id >= ctx.keyspace().count()) {
            throw Errors.error(Errors.DB_INDEX_OUT_OF_RANGE);
        }
        return ctx.keyspace().db(id);
    }

    /**
     * Makes EXEC fail for clients watching keys of {@code db} that the change affects, as Redis's
     * touchAllWatchedKeysInDb does for FLUSHDB, FLUSHALL and SWAPDB: only watched keys for which
     * {@code affected} holds (keys that existed or will exist), not every key of the database.
     */
    static void touchWatched(CommandContext ctx, Database db, Predicate<byte[]> affected) {
        WatchedKeys watches = ctx.server().watches();
        if (watches.watchedKeyCount() == 0) {
            return;
        }
        List<byte[]> touched = new ArrayList<>();
        for (Client client : ctx.server().clients()) {
            for (WatchedKeys.Key key : client.watched()) {
                if (key.db() == db.id() && affected.test(key.key().bytes())) {
                    touched.add(key.key().bytes());
                }
            }
        }
        for (byte[] key : touched) {
            watches.touch(db, key);
        }
    }

    /**
     * After SWAPDB: clients blocked on keys of {@code db} get a chance if such a key now holds a
     * list or sorted set (Redis's scanDatabaseForReadyKeys).
     */
    static void signalReadyKeys(CommandContext ctx, Database db) {
        if (ctx.server().blocking().blockedClients() == 0) {
            return;
        }
        for (Client client : ctx.server().clients()) {
            Client.Blocked blocked = client.blocked();
            if (blocked == null || blocked.db() != db) {
                continue;
            }
            for (byte[] key : blocked.keys()) {
                // Expired or not, as Redis's scan for ready keys: the lookup serving the client
                // deletes an expired key and propagates the DEL.
                Object value = db.storedValue(key);
                if (value instanceof ListValue || value instanceof ZSetValue) {
                    ctx.server().blocking().signalReady(db, key);
                }
            }
        }
    }

    /**
     * Before a flush: keys holding a stream that clients are blocked on get a chance, so a
     * blocked XREADGROUP answers -UNBLOCKED (Redis's signalDeletedKeyAsReady on flushed keys).
     */
    static void signalBlockedStreamKeys(CommandContext ctx, Database db) {
        if (ctx.server().blocking().blockedClients() == 0) {
            return;
        }
        for (Client client : ctx.server().clients()) {
            Client.Blocked blocked = client.blocked();
            if (blocked == null || blocked.db() != db) {
                continue;
            }
            for (byte[] key : blocked.keys()) {
                if (db.peek(key) instanceof io.replicatedstore.datanode.store.StreamValue) {
                    ctx.server().blocking().signalReady(db, key);
                }
            }
        }
    }
}
