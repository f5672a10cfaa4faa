package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.Verbs;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.ZSetValue;
import io.replicatedstore.datanode.store.ZSetValue.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * The pop engine shared by ZPOPMIN/ZPOPMAX, BZPOPMIN/BZPOPMAX, ZMPOP and BZMPOP: Redis's
 * genericZpopCommand, blockingGenericZpopCommand and zmpopGenericCommand, with their reply shapes:
 * <ul>
 * <li>ZPOP* (no key): flat [member, score, ...], or in RESP3 with a count [[member, score], ...];</li>
 * <li>BZPOP* (key, no nesting): flat [key, member, score];</li>
 * <li>[B]ZMPOP (key and nesting): [key, [[member, score], ...]].</li>
 * </ul>
 */
final class ZPop {

    static final String NUMKEYS = "ERR numkeys should be greater than 0";
    static final String COUNT = "ERR count should be greater than 0";

    private ZPop() {
    }

    /**
     * Pops from the first non-empty key among {@code keys}. {@code count} -1 means the plain
     * single pop. WRONGTYPE for a key of another type met before a sorted set.
     */
    static void pop(CommandContext ctx, List<byte[]> keys, boolean max, boolean emitKey, long count,
                    boolean nested, boolean nilWhenEmpty) {
        ZSetValue zset = null;
        byte[] key = null;
        for (byte[] k : keys) {
            ZSetValue v = ctx.db().getZSet(k);
            if (v != null) {
                zset = v;
                key = k;
                break;
            }
        }
        RespWriter out = ctx.reply();
        if (zset == null) {
            if (nilWhenEmpty) {
                out.nullArray();
            } else {
                out.array(0);
            }
            return;
        }
        if (count == 0) {
            out.array(0);
            return;
        }
        if (count == -1) {
            count = 1;
        }
        int rangeLen = (int) Math.min(count, zset.size());
        if (!nested && !emitKey) {
            out.array(rangeLen * 2);
        } else if (nested && !emitKey) {
            out.array(rangeLen);
        } else if (!nested) {
            out.array(rangeLen * 2 + 1);
            out.bulk(key);
        } else {
            out.array(2);
            out.bulk(key);
            out.array(rangeLen);
        }
        for (int i = 0; i < rangeLen; i++) {
            Node n = max ? zset.popMax() : zset.popMin();
            ZSets.writeMember(out, n.member(), n.score(), true, nested);
        }
        ZSets.removed(ctx, key, zset, max ? "zpopmax" : "zpopmin");
        ctx.modified(key);
        ctx.dirty(rangeLen - 1);
        if (emitKey) {
            // ZMPOP, BZMPOP, BZPOPMIN/MAX go out as ZPOPMIN/ZPOPMAX key [count popped].
            byte[] verb = max ? Verbs.ZPOPMAX : Verbs.ZPOPMIN;
            if (count == 1 && !nested) {
                ctx.propagateAs(verb, key);
            } else {
                ctx.propagateAs(verb, key, Verbs.number(rangeLen));
            }
        }
    }

    /**
     * Pops like {@link #pop} from the first non-empty key, or blocks on all of them until one
     * gets data or the timeout at {@code timeoutIdx} passes.
     */
    static void blockingPop(CommandContext ctx, List<byte[]> keys, boolean max, int timeoutIdx, long count,
                            boolean nested, boolean nilWhenEmpty) {
        long deadline = ctx.timeoutArg(timeoutIdx);
        byte[] ready = ctx.readyKey();
        if (ready != null) {
            // Woken by data on this key: Redis 7.0 serves the client from it, whatever the key order.
            ZSetValue zset = ctx.db().getZSet(ready);
            if (zset != null && !zset.isEmpty()) {
                pop(ctx, List.of(ready), max, true, count, nested, nilWhenEmpty);
                return;
            }
        }
        for (byte[] key : keys) {
            ZSetValue zset = ctx.db().getZSet(key);
            if (zset == null || zset.isEmpty()) {
                continue;
            }
            pop(ctx, List.of(key), max, true, count, nested, nilWhenEmpty);
            return;
        }
        ctx.block(keys, deadline);
    }

    /** ZPOPMIN / ZPOPMAX {@code key [count]}. */
    static void zpop(CommandContext ctx, boolean max) {
        if (ctx.argc() > 3) {
            throw Errors.syntax();
        }
        long count = -1;
        if (ctx.argc() == 3) {
            count = ZSets.positiveLong(ctx, 2);
        }
        boolean nested = ctx.reply().isResp3() && count != -1;
        pop(ctx, List.of(ctx.arg(1)), max, false, count, nested, false);
    }

    /** BZPOPMIN / BZPOPMAX {@code key [key ...] timeout}. */
    static void bzpop(CommandContext ctx, boolean max) {
        List<byte[]> keys = new ArrayList<>(ctx.argc() - 2);
        for (int j = 1; j < ctx.argc() - 1; j++) {
            keys.add(ctx.arg(j));
        }
        blockingPop(ctx, keys, max, ctx.argc() - 1, -1, false, false);
    }

    /**
     * ZMPOP {@code numkeys key [key ...] MIN|MAX [COUNT count]} (numkeys at 1) and BZMPOP
     * {@code timeout numkeys ...} (numkeys at 2, timeout at 1).
     */
    static void zmpop(CommandContext ctx, int numkeysIdx, boolean blocking) {
        long numkeys = ZSets.rangeLong(ctx, numkeysIdx, 1, Long.MAX_VALUE, NUMKEYS);
        if (numkeys >= ctx.argc() - numkeysIdx - 1L) {
            throw Errors.syntax();
        }
        int whereIdx = (int) (numkeysIdx + numkeys + 1);
        boolean max;
        if (ctx.argIs(whereIdx, "MIN")) {
            max = false;
        } else if (ctx.argIs(whereIdx, "MAX")) {
            max = true;
        } else {
            throw Errors.syntax();
        }
        long count = -1;
        for (int j = whereIdx + 1; j < ctx.argc(); j++) {
            int moreArgs = ctx.argc() - 1 - j;
            if (count == -1 && ctx.argIs(j, "COUNT") && moreArgs > 0) {
                j++;
                count = ZSets.rangeLong(ctx, j, 1, Long.MAX_VALUE, COUNT);
            } else {
                throw Errors.syntax();
            }
        }
        if (count == -1) {
            count = 1;
        }
        List<byte[]> keys = new ArrayList<>((int) numkeys);
        for (int j = numkeysIdx + 1; j < whereIdx; j++) {
            keys.add(ctx.arg(j));
        }
        if (blocking) {
            blockingPop(ctx, keys, max, 1, count, true, true);
        } else {
            pop(ctx, keys, max, true, count, true, true);
        }
    }
}
