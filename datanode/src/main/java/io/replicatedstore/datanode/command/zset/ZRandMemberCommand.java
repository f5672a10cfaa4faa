package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.ZSetValue;
import io.replicatedstore.datanode.store.ZSetValue.Node;
import io.replicatedstore.datanode.util.Numbers;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code ZRANDMEMBER key [count [WITHSCORES]]}: a random member; with a positive count distinct
 * members (the whole set, from the highest score down, when count covers it), with a negative count members that
 * may repeat. WITHSCORES pairs are nested in RESP3.
 */
final class ZRandMemberCommand implements Command {

    static final String OUT_OF_RANGE = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    static final String WITHSCORES_RANGE = "ERR value is out of range";

    @Override
    public void execute(CommandContext ctx) {
        RespWriter out = ctx.reply();
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (ctx.argc() >= 3) {
            Long parsed = Numbers.parseLong(ctx.arg(2));
            if (parsed == null) {
                throw Errors.notInteger();
            }
            long l = parsed;
            if (l == Long.MIN_VALUE) {
                throw new RedisException(OUT_OF_RANGE);
            }
            boolean withScores = false;
            if (ctx.argc() > 4 || (ctx.argc() == 4 && !ctx.argIs(3, "withscores"))) {
                throw Errors.syntax();
            } else if (ctx.argc() == 4) {
                withScores = true;
                if (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2) {
                    throw new RedisException(WITHSCORES_RANGE);
                }
            }
            withCount(ctx, l, withScores, rnd);
            return;
        }
        ZSetValue zset = ctx.db().getZSet(ctx.arg(1));
        if (zset == null) {
            out.nullBulk();
            return;
        }
        out.bulk(zset.randomNode(rnd).member());
    }

    private static void withCount(CommandContext ctx, long l, boolean withScores, ThreadLocalRandom rnd) {
        RespWriter out = ctx.reply();
        ZSetValue zset = ctx.db().getZSet(ctx.arg(1));
        if (zset == null) {
            out.array(0);
            return;
        }
        boolean unique = l >= 0;
        long count = Math.abs(l);
        if (count == 0) {
            out.array(0);
            return;
        }
        boolean pairs = withScores && out.isResp3();
        if (!unique || count == 1) {
            // Repeats allowed: the reply length is exactly count (it may be huge, as in Redis).
            long length = withScores && !pairs ? count * 2 : count;
            if (length <= Integer.MAX_VALUE) {
                out.array((int) length);
            } else {
                out.raw(("*" + length + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            for (long i = 0; i < count; i++) {
                Node n = zset.randomNode(rnd);
                ZSets.writeMember(out, n.member(), n.score(), withScores, pairs);
            }
            return;
        }
        int size = zset.size();
        int replySize = (int) Math.min(count, size);
        out.array(withScores && !pairs ? replySize * 2 : replySize);
        if (count >= size) {
            // The whole set, walked from the highest score down as Redis's zset iterator does.
            for (Node n = zset.last(); n != null; n = n.prev()) {
                ZSets.writeMember(out, n.member(), n.score(), withScores, pairs);
            }
            return;
        }
        List<Node> nodes = zset.randomDistinctNodes(replySize, rnd);
        for (Node n : nodes) {
            ZSets.writeMember(out, n.member(), n.score(), withScores, pairs);
        }
    }
}
