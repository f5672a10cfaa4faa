package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.ZSetValue;

/**
 * {@code ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]}. Also the
 * engine of ZINCRBY (Redis's zaddGenericCommand with the INCR flag preset).
 */
final class ZAddCommand implements Command {

    static final String XX_NX = "ERR XX and NX options at the same time are not compatible";
    static final String GT_LT_NX = "ERR GT, LT, and/or NX options at the same time are not compatible";
    static final String INCR_SINGLE = "ERR INCR option supports a single increment-element pair";

    @Override
    public void execute(CommandContext ctx) {
        zadd(ctx, false);
    }

    static void zadd(CommandContext ctx, boolean incrPreset) {
        byte[] key = ctx.arg(1);
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        boolean ch = false;
        boolean incr = incrPreset;
        int scoreIdx = 2;
        while (scoreIdx < ctx.argc()) {
            if (ctx.argIs(scoreIdx, "nx")) {
                nx = true;
            } else if (ctx.argIs(scoreIdx, "xx")) {
                xx = true;
            } else if (ctx.argIs(scoreIdx, "ch")) {
                ch = true;
            } else if (ctx.argIs(scoreIdx, "incr")) {
                incr = true;
            } else if (ctx.argIs(scoreIdx, "gt")) {
                gt = true;
            } else if (ctx.argIs(scoreIdx, "lt")) {
                lt = true;
            } else {
                break;
            }
            scoreIdx++;
        }
        int elements = ctx.argc() - scoreIdx;
        if (elements % 2 != 0 || elements == 0) {
            throw Errors.syntax();
        }
        elements /= 2;
        if (nx && xx) {
            throw new RedisException(XX_NX);
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw new RedisException(GT_LT_NX);
        }
        if (incr && elements > 1) {
            throw new RedisException(INCR_SINGLE);
        }
        double[] scores = new double[elements];
        for (int j = 0; j < elements; j++) {
            scores[j] = ctx.argDouble(scoreIdx + j * 2);
        }

        Database db = ctx.db();
        ZSetValue zset = db.getZSet(key);
        long added = 0;
        long updated = 0;
        long processed = 0;
        double score = 0;
        if (zset == null && !xx) {
            zset = new ZSetValue();
            db.put(key, zset);
        }
        if (zset != null) {
            try {
                for (int j = 0; j < elements; j++) {
                    byte[] member = ctx.arg(scoreIdx + 1 + j * 2);
                    double newScore = scores[j];
                    Double current = zset.score(member);
                    if (current != null) {
                        if (nx) {
                            continue;
                        }
                        if (incr) {
                            newScore += current;
                            if (Double.isNaN(newScore)) {
                                throw new RedisException(ZSets.NAN_RESULT);
                            }
                        }
                        if ((lt && newScore >= current) || (gt && newScore <= current)) {
                            continue;
                        }
                        processed++;
                        score = newScore;
                        if (newScore != current) {
                            ZSets.put(ctx, zset, member, newScore);
                            updated++;
                        }
                    } else if (!xx) {
                        ZSets.put(ctx, zset, member, newScore);
                        score = newScore;
                        added++;
                        processed++;
                    }
                }
            } finally {
                if (added + updated > 0) {
                    ctx.modified(key);
                    ctx.keyspaceEvent(KeyspaceEvents.ZSET, incr ? "zincr" : "zadd", key);
                    ctx.dirty(added + updated - 1);
                }
                ZSets.deleteIfEmpty(ctx, key, zset);
            }
        }
        if (incr) {
            if (processed > 0) {
                ctx.reply().doubleValue(score);
            } else {
                ctx.reply().nullBulk();
            }
        } else {
            ctx.reply().integer(ch ? added + updated : added);
        }
    }
}
