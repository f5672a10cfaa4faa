package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.Verbs;

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
        ctx.dirty(removed);
        // Redis 7.0: a running BGSAVE is dropped and, with save rules, the empty dataset is
        // saved at once (which zeroes dirty); then one more change, so FLUSHALL always propagates.
        ctx.persistence().afterFlushAll();
        ctx.dirty(1);
        if (ctx.argc() > 1) {
            ctx.propagateAs(Verbs.FLUSHALL); // ASYNC / SYNC: the effect is the same
        }
        ctx.reply().ok();
    }
}
