package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.ZSetValue;
import io.replicatedstore.datanode.store.ZSetValue.LexRange;
import io.replicatedstore.datanode.store.ZSetValue.ScoreRange;

/** The ZREMRANGEBY* engine (Redis's zremrangeGenericCommand): parse the range, then remove. */
final class ZRemRange {

    enum Type { RANK, SCORE, LEX }

    private ZRemRange() {
    }

    static void run(CommandContext ctx, Type type) {
        byte[] key = ctx.arg(1);
        long start = 0;
        long end = 0;
        ScoreRange scoreRange = null;
        LexRange lexRange = null;
        switch (type) {
            case RANK -> {
                start = ctx.argLong(2);
                end = ctx.argLong(3);
            }
            case SCORE -> scoreRange = ZSets.parseScoreRange(ctx.arg(2), ctx.arg(3));
            case LEX -> lexRange = ZSets.parseLexRange(ctx.arg(2), ctx.arg(3));
            default -> throw new IllegalStateException();
        }
        ZSetValue zset = ctx.db().getZSet(key);
        if (zset == null) {
            ctx.reply().integer(0);
            return;
        }
        long deleted;
        switch (type) {
            case RANK -> {
                long[] ranks = ZSets.normalizeRanks(start, end, zset.size());
                deleted = ranks == null ? 0 : zset.removeRangeByRank(ranks[0], ranks[1]);
            }
            case SCORE -> deleted = zset.removeRangeByScore(scoreRange);
            default -> deleted = ZSets.removeLexRange(zset, lexRange);
        }
        if (deleted > 0) {
            ZSets.removed(ctx, key, zset, switch (type) {
                case RANK -> "zremrangebyrank";
                case SCORE -> "zremrangebyscore";
                default -> "zremrangebylex";
            });
            ctx.modified(key);
            ctx.dirty(deleted - 1);
        }
        ctx.reply().integer(deleted);
    }
}
