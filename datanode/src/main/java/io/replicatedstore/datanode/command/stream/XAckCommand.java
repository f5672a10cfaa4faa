package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.StreamGroup;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;

/** {@code XACK key group id [id ...]}: removes ids from the group's pending entries, replies how many were there. */
final class XAckCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        StreamValue stream = ctx.db().getStream(ctx.arg(1));
        StreamGroup group = stream == null ? null : stream.group(ctx.arg(2));
        if (group == null) {
            ctx.reply().integer(0);
            return;
        }
        StreamId[] ids = new StreamId[ctx.argc() - 3];
        for (int i = 3; i < ctx.argc(); i++) {
            ids[i - 3] = Streams.strictId(ctx.arg(i), 0);
        }
        long acknowledged = 0;
        for (StreamId id : ids) {
            if (group.ack(id)) {
                acknowledged++;
            }
        }
        if (acknowledged > 0) {
            ctx.dirty(acknowledged);
        }
        ctx.reply().integer(acknowledged);
    }
}
