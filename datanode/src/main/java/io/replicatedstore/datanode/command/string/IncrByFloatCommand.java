package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.Verbs;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.util.LongDouble;

import java.nio.charset.StandardCharsets;

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
        LongDouble value = old == null ? LongDouble.ZERO : LongDouble.parse(old);
        LongDouble increment = LongDouble.parse(ctx.arg(2));
        if (value == null || increment == null) {
            throw Errors.notFloat();
        }
        LongDouble sum = value.plus(increment);
        if (!sum.isFinite()) {
            throw Errors.error(Errors.NAN_OR_INFINITY);
        }
        byte[] stored = StringEncoding.created(sum.toHumanString().getBytes(StandardCharsets.US_ASCII));
        if (old == null) {
            ctx.db().put(key, stored);
        } else {
            ctx.db().putKeepTtl(key, stored);
        }
        ctx.modified(key);
        ctx.keyspaceEvent(KeyspaceEvents.STRING, "incrbyfloat", key);
        // As Redis: SET key <result> KEEPTTL, so replicas and the AOF need no float arithmetic.
        ctx.propagateAs(Verbs.SET, key, stored, Verbs.KEEPTTL);
        ctx.reply().bulk(stored);
    }
}
