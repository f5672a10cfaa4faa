package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.keys.ObjectEncodingCommand;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.persist.rdb.RdbWriteOptions;
import io.replicatedstore.datanode.persist.rdb.RdbWriter;
import io.replicatedstore.datanode.store.Database;

import java.io.IOException;
import java.io.OutputStream;

/**
 * DEBUG OBJECT's one line, in Redis's form: {@code Value at:<id> refcount:1 encoding:<enc>
 * serializedlength:<n> lru:<clock> lru_seconds_idle:<s>}. "at" names the key's entry (stable
 * while the key lives, as Redis's pointer is for values changed in place); serializedlength is the
 * value's RDB encoding length as this node writes it. Redis's quicklist details (ql_nodes...) are
 * left out: lists here are not made of listpack nodes.
 */
final class DebugObject {

    private DebugObject() {
    }

    static String describe(CommandContext ctx, byte[] key) {
        Database db = ctx.db();
        Object value = db.raw(key);
        if (value == null) {
            throw new RedisException("ERR no such key");
        }
        int stamp = db.clockOf(key);
        long idleSeconds = db.keyspace().keyClock().idleMillis(stamp) / 1000;
        return "Value at:0x" + Long.toHexString(db.entryId(key))
                + " refcount:1 encoding:" + ObjectEncodingCommand.encoding(value)
                + " serializedlength:" + serializedLength(ctx, key, value)
                + " lru:" + stamp + " lru_seconds_idle:" + idleSeconds;
    }

    /** The value's bytes in an RDB file: a key written with it, less the same key written with an empty string (1 byte). */
    private static long serializedLength(CommandContext ctx, byte[] key, Object value) {
        RdbWriteOptions options = RdbWriteOptions.defaults(RdbWriteOptions.Aux.of(0, 0))
                .withCompression(ctx.config().rdbcompression.get());
        return written(options, key, value) - written(options, key, new byte[0]) + 1;
    }

    private static long written(RdbWriteOptions options, byte[] key, Object value) {
        RdbWriter writer = new RdbWriter(OutputStream.nullOutputStream(), options);
        try {
            writer.writeKey(key, value, -1);
        } catch (IOException e) {
            throw new IllegalStateException("a null stream does not fail", e);
        }
        return writer.bytesWritten();
    }
}
