package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code FLUSHALL [ASYNC | SYNC]}: removes every key of every database. */
final class FlushAllCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        FlushSupport.parseMode(ctx);
        long removed = 0;
        for (int i = 0; i < ctx.keyspace().count(); i++) {
            removed += FlushSupport.flush(ctx, ctx.keyspace().db(i));
        }
        // Counts as a change even when everything was empty, so it is always propagated.
        ctx.dirty(Math.max(1, removed));
        ctx.reply().ok();
    }
}
