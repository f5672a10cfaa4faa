package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;
import io.replicatedstore.datanode.server.KeyspaceEvents;

/** {@code XDEL key id [id ...]}: every id is checked before any is deleted; replies with the count deleted. */
final class XDelCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        StreamId[] ids = new StreamId[ctx.argc() - 2];
        for (int j = 2; j < ctx.argc(); j++) {
            ids[j - 2] = Streams.strictId(ctx.arg(j), 0);
        }
        byte[] key = ctx.arg(1);
        StreamValue stream = ctx.db().getStream(key);
        if (stream == null) {
            ctx.reply().integer(0);
            return;
        }
        long deleted = 0;
        for (StreamId id : ids) {
            if (stream.delete(id)) {
                deleted++;
            }
        }
        if (deleted > 0) {
            ctx.modified(key);
            ctx.keyspaceEvent(KeyspaceEvents.STREAM, "xdel", key);
            ctx.dirty(deleted - 1);
        }
        ctx.reply().integer(deleted);
    }
}
