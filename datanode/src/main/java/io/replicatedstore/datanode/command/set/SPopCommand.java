package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.Verbs;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.SetValue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * {@code SPOP key [count]}. Without count: one member or null. With count: a set reply of up to
 * count distinct members. When few members remain, Redis builds a new set from them (so its
 * encoding is chosen afresh, e.g. back to intset); this does the same.
 */
final class SPopCommand implements Command {

    static final String MUST_BE_POSITIVE = "ERR value is out of range, must be positive";
    /** Redis's SPOP_MOVE_STRATEGY_MUL. */
    private static final long MOVE_STRATEGY_MUL = 5;

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() > 3) {
            throw Errors.syntax();
        }
        RandomGenerator rnd = ThreadLocalRandom.current();
        byte[] key = ctx.arg(1);
        if (ctx.argc() == 2) {
            SetValue set = ctx.db().getSet(key);
            if (set == null) {
                ctx.reply().nullBulk();
                return;
            }
            byte[] member = set.popRandom(rnd);
            ctx.keyspaceEvent(KeyspaceEvents.SET, "spop", key);
            if (set.isEmpty()) {
                ctx.db().delete(key);
                ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
            }
            ctx.modified(key);
            ctx.propagateAs(Verbs.SREM, key, member);
            ctx.reply().bulk(member);
            return;
        }
        long count = ctx.argLong(2, MUST_BE_POSITIVE);
        if (count < 0) {
            throw new RedisException(MUST_BE_POSITIVE);
        }
        SetValue set = ctx.db().getSet(key);
        if (set == null || count == 0) {
            ctx.reply().set(0);
            return;
        }
        int size = set.size();
        ctx.keyspaceEvent(KeyspaceEvents.SET, "spop", key);
        if (count >= size) {
            Sets.replySet(ctx, set.members());
            ctx.db().delete(key);
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
            ctx.modified(key);
            ctx.dirty(count - 1); // Redis counts the count asked for
            ctx.propagateAs(Verbs.DEL, key);
            return;
        }
        long remaining = size - count;
        List<byte[]> popped = new ArrayList<>((int) count);
        if (remaining * MOVE_STRATEGY_MUL > count) {
            for (long i = 0; i < count; i++) {
                popped.add(set.popRandom(rnd));
            }
        } else {
            // Keep a random few in a new set; everything else is the reply.
            List<byte[]> kept = new ArrayList<>((int) remaining);
            for (long i = 0; i < remaining; i++) {
                kept.add(set.popRandom(rnd));
            }
            popped.addAll(set.members());
            ctx.db().putKeepTtl(key, Sets.build(ctx, kept));
        }
        ctx.modified(key);
        ctx.dirty(count - 1);
        if (ctx.propagating()) {
            // Redis 7.0: one SREM per member popped, and not the SPOP itself.
            for (byte[] member : popped) {
                ctx.alsoPropagate(Verbs.SREM, key, member);
            }
            ctx.preventPropagation();
        }
        Sets.replySet(ctx, popped);
    }
}
