package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;
import io.replicatedstore.datanode.server.KeyspaceEvents;

/** {@code XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]}. */
final class XSetIdCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        StreamId id = Streams.strictId(ctx.arg(2), 0);
        long entriesAdded = -1;
        StreamId maxDeleted = StreamId.MIN;
        for (int i = 3; i < ctx.argc(); i += 2) {
            boolean more = ctx.argc() - 1 - i > 0;
            if (ctx.argIs(i, "entriesadded") && more) {
                entriesAdded = ctx.argLong(i + 1);
                if (entriesAdded < 0) {
                    throw new RedisException("ERR entries_added must be positive");
                }
            } else if (ctx.argIs(i, "maxdeletedid") && more) {
                maxDeleted = Streams.strictId(ctx.arg(i + 1), 0);
                if (id.compareTo(maxDeleted) < 0) {
                    throw new RedisException("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
                }
            } else {
                throw Errors.syntax();
            }
        }
        byte[] key = ctx.arg(1);
        StreamValue stream = ctx.db().getStream(key);
        if (stream == null) {
            throw new RedisException("ERR no such key");
        }
        if (stream.length() > 0) {
            if (id.compareTo(Streams.lastValidId(stream)) < 0) {
                throw new RedisException("ERR The ID specified in XSETID is smaller than the target stream top item");
            }
            if (entriesAdded != -1 && stream.length() > entriesAdded) {
                throw new RedisException("ERR The entries_added specified in XSETID is smaller than the target stream length");
            }
        }
        stream.lastId(id);
        if (entriesAdded != -1) {
            stream.entriesAdded(entriesAdded);
        }
        if (!maxDeleted.isMin()) {
            stream.maxDeletedId(maxDeleted);
        }
        ctx.reply().ok();
        ctx.modified(key);
        ctx.keyspaceEvent(KeyspaceEvents.STREAM, "xsetid", key);
    }
}
