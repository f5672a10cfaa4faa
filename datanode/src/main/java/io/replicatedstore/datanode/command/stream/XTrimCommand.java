package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.StreamValue;
import io.replicatedstore.datanode.server.KeyspaceEvents;

/** {@code XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]}: replies with the entries removed. */
final class XTrimCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        TrimArgs args = TrimArgs.parse(ctx, false);
        StreamValue stream = ctx.db().getStream(key);
        if (stream == null) {
            ctx.reply().integer(0);
            return;
        }
        long deleted = args.trim(stream);
        if (deleted > 0) {
            ctx.modified(key);
            ctx.keyspaceEvent(KeyspaceEvents.STREAM, "xtrim", key);
            ctx.dirty(deleted - 1);
            if (ctx.propagating()) {
                byte[][] propagated = ctx.argv().clone();
                args.rewriteApprox(propagated, stream);
                ctx.propagateAs(propagated);
            }
        }
        ctx.reply().integer(deleted);
    }
}
