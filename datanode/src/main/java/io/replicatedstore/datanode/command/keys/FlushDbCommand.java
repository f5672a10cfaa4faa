package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code FLUSHDB [ASYNC | SYNC]}: removes every key of the selected database. */
final class FlushDbCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        FlushSupport.parseMode(ctx);
        long removed = FlushSupport.flush(ctx, ctx.db());
        // Counts as a change even when the database was empty, so it is always propagated.
        ctx.dirty(Math.max(1, removed));
        ctx.reply().ok();
    }
}
