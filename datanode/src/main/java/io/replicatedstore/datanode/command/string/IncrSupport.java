package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.util.Numbers;

/** Redis's incrDecrCommand, shared by INCR, DECR, INCRBY and DECRBY. */
final class IncrSupport {

    private IncrSupport() {
    }

    static void incrBy(CommandContext ctx, long increment) {
        byte[] key = ctx.arg(1);
        byte[] old = ctx.db().getString(key);
        long value = 0;
        if (old != null) {
            Long parsed = Numbers.parseLong(old);
            if (parsed == null) {
                throw Errors.notInteger();
            }
            value = parsed;
        }
        if ((increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
                || (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value)) {
            throw Errors.error(Errors.INCR_OVERFLOW);
        }
        value += increment;
        byte[] stored = Numbers.toBytes(value);
        if (old == null) {
            ctx.db().put(key, stored);
        } else {
            ctx.db().putKeepTtl(key, stored);
        }
        ctx.modified(key);
        ctx.keyspaceEvent(KeyspaceEvents.STRING, "incrby", key);
        ctx.reply().integer(value);
    }
}
