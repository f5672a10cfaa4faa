package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/**
 * {@code INCRBYFLOAT key increment}: long double arithmetic as Redis does it (see
 * {@link LongDouble}), stored (and answered) as Redis's human-friendly "%.17Lf" text with
 * trailing zeros dropped. The time to live is kept.
 */
final class IncrByFloatCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        byte[] old = ctx.db().getString(key);
        byte[] stored = StringEncoding.created(LongDouble.incrBy(old, ctx.arg(2)));
        if (old == null) {
            ctx.db().put(key, stored);
        } else {
            ctx.db().putKeepTtl(key, stored);
        }
        ctx.modified(key);
        ctx.reply().bulk(stored);
    }
}
