package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.Verbs;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.ListValue;
import io.replicatedstore.datanode.util.Numbers;

import java.util.ArrayList;
import java.util.List;

/**
 * What the list commands share: Redis 7.0's t_list.c helpers (pushGenericCommand,
 * popGenericCommand, lmoveGenericCommand, blockingPopGenericCommand, lmpopGenericCommand) and
 * its argument parsing with the exact error texts.
 */
final class Lists {

    static final String NOT_POSITIVE = "ERR value is out of range, must be positive";
    static final String NUMKEYS = "ERR numkeys should be greater than 0";
    static final String COUNT = "ERR count should be greater than 0";

    private Lists() {
    }

    // Arguments

    /** Redis's getRangeLongFromObjectOrReply with a message: a non-integer also gets the message. */
    static long rangeLong(CommandContext ctx, int index, long min, long max, String error) {
        Long value = Numbers.parseLong(ctx.arg(index));
        if (value == null || value < min || value > max) {
            throw new RedisException(error);
        }
        return value;
    }

    /** getPositiveLongFromObjectOrReply: 0..LONG_MAX. */
    static long positiveLong(CommandContext ctx, int index, String error) {
        return rangeLong(ctx, index, 0, Long.MAX_VALUE, error);
    }

    /** LEFT (true) or RIGHT (false), in any letter case; otherwise a syntax error. */
    static boolean isLeft(CommandContext ctx, int index) {
        if (ctx.argIs(index, "left")) {
            return true;
        }
        if (ctx.argIs(index, "right")) {
            return false;
        }
        throw Errors.syntax();
    }

    // Values

    static void updateEncoding(CommandContext ctx, ListValue list) {
        list.updateEncoding(ctx.config().listMaxListpackSize.asInt());
    }

    /** The list at {@code key}, created (and stored) when missing. */
    static ListValue getOrCreate(CommandContext ctx, byte[] key) {
        ListValue list = ctx.db().getList(key);
        if (list == null) {
            list = new ListValue();
            ctx.db().put(key, list);
        }
        return list;
    }

    static void push(ListValue list, byte[] value, boolean left) {
        if (left) {
            list.pushFirst(value);
        } else {
            list.pushLast(value);
        }
    }

    static byte[] pop(ListValue list, boolean left) {
        return left ? list.popFirst() : list.popLast();
    }

    /**
     * listElementsRemoved: deletes the key once the list is empty, signals the change and counts
     * {@code count} changes.
     */
    static void elementsRemoved(CommandContext ctx, byte[] key, ListValue list, boolean left, long count) {
        ctx.keyspaceEvent(KeyspaceEvents.LIST, left ? "lpop" : "rpop", key);
        if (list.isEmpty()) {
            ctx.db().delete(key);
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
        } else {
            updateEncoding(ctx, list);
        }
        ctx.modified(key);
        ctx.dirty(count - 1);
    }

    /** Pops up to {@code count} elements from one end and writes them as an array. */
    static void popRange(CommandContext ctx, byte[] key, ListValue list, boolean left, long count) {
        int n = (int) Math.min(count, list.size());
        RespWriter out = ctx.reply();
        out.array(n);
        for (int i = 0; i < n; i++) {
            out.bulk(pop(list, left));
        }
        elementsRemoved(ctx, key, list, left, n);
    }

    /** listPopRangeAndReplyWithKey: [key, [elements...]]. */
    static void popRangeWithKey(CommandContext ctx, byte[] key, ListValue list, boolean left, long count) {
        ctx.reply().array(2).bulk(key);
        long popped = Math.min(count, list.size());
        popRange(ctx, key, list, left, count);
        // LMPOP / BLMPOP go out as [LR]POP key <count popped>.
        ctx.propagateAs(left ? Verbs.LPOP : Verbs.RPOP, key, Verbs.number(popped));
    }

    // Push and pop

    /** pushGenericCommand: LPUSH/RPUSH, or LPUSHX/RPUSHX ({@code onlyIfExists}). */
    static void pushCommand(CommandContext ctx, boolean left, boolean onlyIfExists) {
        byte[] key = ctx.arg(1);
        ListValue list = ctx.db().getList(key);
        if (list == null) {
            if (onlyIfExists) {
                ctx.reply().integer(0);
                return;
            }
            list = new ListValue();
            ctx.db().put(key, list);
        }
        for (int i = 2; i < ctx.argc(); i++) {
            push(list, ctx.arg(i), left);
        }
        updateEncoding(ctx, list);
        ctx.modified(key);
        ctx.keyspaceEvent(KeyspaceEvents.LIST, left ? "lpush" : "rpush", key);
        ctx.dirty(ctx.argc() - 3L);
        ctx.reply().integer(list.size());
    }

    /** popGenericCommand: LPOP/RPOP {@code key [count]}. */
    static void popCommand(CommandContext ctx, boolean left) {
        if (ctx.argc() > 3) {
            throw Errors.wrongArgs(ctx.spec().name());
        }
        boolean hasCount = ctx.argc() == 3;
        long count = hasCount ? positiveLong(ctx, 2, NOT_POSITIVE) : 0;
        byte[] key = ctx.arg(1);
        ListValue list = ctx.db().getList(key);
        if (list == null) {
            if (hasCount) {
                ctx.reply().nullArray();
            } else {
                ctx.reply().nullBulk();
            }
            return;
        }
        if (hasCount && count == 0) {
            ctx.reply().array(0);
            return;
        }
        if (!hasCount) {
            ctx.reply().bulk(pop(list, left));
            elementsRemoved(ctx, key, list, left, 1);
        } else {
            popRange(ctx, key, list, left, count);
        }
    }

    // LMOVE family

    /**
     * lmoveGenericCommand: pops from {@code src} and pushes onto {@code dst}, replying with the
     * element; a null bulk when the source is missing.
     */
    static void move(CommandContext ctx, byte[] src, byte[] dst, boolean fromLeft, boolean toLeft) {
        ListValue source = ctx.db().getList(src);
        if (source == null || source.isEmpty()) {
            ctx.reply().nullBulk();
            return;
        }
        ListValue target = ctx.db().getList(dst); // WRONGTYPE before anything changes
        byte[] value = pop(source, fromLeft);
        if (target == null) {
            // The source may be the destination only if it existed, so this is a new key.
            target = new ListValue();
            ctx.db().put(dst, target);
        }
        push(target, value, toLeft);
        updateEncoding(ctx, target);
        ctx.modified(dst);
        ctx.keyspaceEvent(KeyspaceEvents.LIST, toLeft ? "lpush" : "rpush", dst);
        ctx.reply().bulk(value);
        ctx.keyspaceEvent(KeyspaceEvents.LIST, fromLeft ? "lpop" : "rpop", src);
        if (source.isEmpty()) {
            ctx.db().delete(src);
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", src);
        }
        ctx.modified(src);
        ctx.dirty(-1); // Redis counts one change for the move
    }

    /** BLMOVE / BRPOPLPUSH once their arguments are parsed (blmoveGenericCommand). */
    static void blockingMove(CommandContext ctx, boolean fromLeft, boolean toLeft, long deadline) {
        byte[] src = ctx.arg(1);
        ListValue source = ctx.db().getList(src);
        if (source != null) {
            move(ctx, src, ctx.arg(2), fromLeft, toLeft);
            if (ctx.argc() == 4) {
                ctx.propagateAs(Verbs.RPOPLPUSH, src, ctx.arg(2)); // BRPOPLPUSH
            } else {
                ctx.propagateAs(Verbs.LMOVE, src, ctx.arg(2), ctx.arg(3), ctx.arg(4)); // BLMOVE
            }
        } else if (ctx.inExec()) {
            ctx.reply().nullBulk(); // not allowed to block: an empty reply, a null bulk here
        } else {
            ctx.block(List.of(src), deadline);
        }
    }

    // Blocking pops

    /**
     * blockingPopGenericCommand: serves from the first non-empty key in argument order, or
     * blocks on all of them. {@code count} -1 is BLPOP/BRPOP's [key, element] reply; a positive
     * count is BLMPOP's [key, [elements...]].
     */
    static void blockingPop(CommandContext ctx, List<byte[]> keys, boolean left, int timeoutIndex, long count) {
        long deadline = ctx.timeoutArg(timeoutIndex);
        List<byte[]> order = keys;
        byte[] ready = ctx.readyKey();
        if (ready != null) {
            // Woken by a push: served from that key, as Redis 7.0's serveClientsBlockedOnListKey.
            order = new ArrayList<>(keys.size() + 1);
            order.add(ready);
            order.addAll(keys);
        }
        for (byte[] key : order) {
            ListValue list = ctx.db().getList(key);
            if (list == null || list.isEmpty()) {
                continue;
            }
            if (count != -1) {
                popRangeWithKey(ctx, key, list, left, count);
                return;
            }
            byte[] value = pop(list, left);
            ctx.reply().array(2).bulk(key).bulk(value);
            elementsRemoved(ctx, key, list, left, 1);
            ctx.propagateAs(left ? Verbs.LPOP : Verbs.RPOP, key); // BLPOP / BRPOP
            return;
        }
        ctx.block(keys, deadline);
    }

    /** BLPOP / BRPOP {@code key [key ...] timeout}. */
    static void blpop(CommandContext ctx, boolean left) {
        List<byte[]> keys = new ArrayList<>(ctx.argc() - 2);
        for (int i = 1; i < ctx.argc() - 1; i++) {
            keys.add(ctx.arg(i));
        }
        blockingPop(ctx, keys, left, ctx.argc() - 1, -1);
    }

    /**
     * lmpopGenericCommand: LMPOP {@code numkeys key [key ...] LEFT|RIGHT [COUNT count]} (numkeys at
     * 1) and BLMPOP {@code timeout numkeys ...} (numkeys at 2, timeout at 1).
     */
    static void lmpop(CommandContext ctx, int numkeysIndex, boolean blocking) {
        long numkeys = rangeLong(ctx, numkeysIndex, 1, Long.MAX_VALUE, NUMKEYS);
        if (numkeys >= ctx.argc() - numkeysIndex - 1L) {
            throw Errors.syntax();
        }
        int whereIndex = (int) (numkeysIndex + numkeys + 1);
        boolean left = isLeft(ctx, whereIndex);
        long count = -1;
        for (int j = whereIndex + 1; j < ctx.argc(); j++) {
            int moreArgs = ctx.argc() - 1 - j;
            if (count == -1 && ctx.argIs(j, "count") && moreArgs > 0) {
                j++;
                count = rangeLong(ctx, j, 1, Long.MAX_VALUE, COUNT);
            } else {
                throw Errors.syntax();
            }
        }
        if (count == -1) {
            count = 1;
        }
        List<byte[]> keys = new ArrayList<>((int) numkeys);
        for (int j = numkeysIndex + 1; j < whereIndex; j++) {
            keys.add(ctx.arg(j));
        }
        if (blocking) {
            blockingPop(ctx, keys, left, 1, count);
            return;
        }
        for (byte[] key : keys) {
            ListValue list = ctx.db().getList(key);
            if (list != null && !list.isEmpty()) {
                popRangeWithKey(ctx, key, list, left, count);
                return;
            }
        }
        ctx.reply().nullArray();
    }
}
