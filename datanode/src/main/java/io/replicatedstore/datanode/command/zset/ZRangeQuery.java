package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.store.ZSetValue;
import io.replicatedstore.datanode.store.ZSetValue.LexRange;
import io.replicatedstore.datanode.store.ZSetValue.Node;
import io.replicatedstore.datanode.store.ZSetValue.ScoreRange;

import java.util.ArrayList;
import java.util.List;

/**
 * The ZRANGE family's shared engine, Redis's zrangeGenericCommand: ZRANGE, ZRANGESTORE,
 * Z[REV]RANGE, Z[REV]RANGEBYSCORE, Z[REV]RANGEBYLEX. A command fixes the range type and/or the
 * direction; ZRANGE and ZRANGESTORE leave them to the BYSCORE / BYLEX / REV options.
 */
final class ZRangeQuery {

    static final String LIMIT_NEEDS_BY =
            "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
    static final String WITHSCORES_BYLEX = "ERR syntax error, WITHSCORES not supported in combination with BYLEX";

    enum Type { AUTO, RANK, SCORE, LEX }

    enum Direction { AUTO, FORWARD, REVERSE }

    private ZRangeQuery() {
    }

    /**
     * Runs the query whose source key is at {@code argStart} (min and max follow). With
     * {@code store} the result goes to the key at argv[1] and the reply is its size.
     */
    static void run(CommandContext ctx, int argStart, boolean store, Type type, Direction direction) {
        byte[] key = ctx.arg(argStart);
        int minIdx = argStart + 1;
        int maxIdx = argStart + 2;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;

        for (int j = argStart + 3; j < ctx.argc(); j++) {
            int leftArgs = ctx.argc() - j - 1;
            if (!store && ctx.argIs(j, "withscores")) {
                withScores = true;
            } else if (ctx.argIs(j, "limit") && leftArgs >= 2) {
                offset = ctx.argLong(j + 1);
                limit = ctx.argLong(j + 2);
                j += 2;
            } else if (direction == Direction.AUTO && ctx.argIs(j, "rev")) {
                direction = Direction.REVERSE;
            } else if (type == Type.AUTO && ctx.argIs(j, "bylex")) {
                type = Type.LEX;
            } else if (type == Type.AUTO && ctx.argIs(j, "byscore")) {
                type = Type.SCORE;
            } else {
                throw Errors.syntax();
            }
        }
        if (direction == Direction.AUTO) {
            direction = Direction.FORWARD;
        }
        if (type == Type.AUTO) {
            type = Type.RANK;
        }
        if (limit != -1 && type == Type.RANK) {
            throw new RedisException(LIMIT_NEEDS_BY);
        }
        if (withScores && type == Type.LEX) {
            throw new RedisException(WITHSCORES_BYLEX);
        }
        boolean reverse = direction == Direction.REVERSE;
        if (reverse && type != Type.RANK) {
            // The range is given as max, min.
            int tmp = maxIdx;
            maxIdx = minIdx;
            minIdx = tmp;
        }

        long start = 0;
        long end = 0;
        ScoreRange scoreRange = null;
        LexRange lexRange = null;
        switch (type) {
            case SCORE -> scoreRange = ZSets.parseScoreRange(ctx.arg(minIdx), ctx.arg(maxIdx));
            case LEX -> lexRange = ZSets.parseLexRange(ctx.arg(minIdx), ctx.arg(maxIdx));
            default -> {
                start = ctx.argLong(minIdx);
                end = ctx.argLong(maxIdx);
            }
        }

        ZSetValue zset = ctx.db().getZSet(key);
        List<Node> nodes;
        if (zset == null) {
            nodes = new ArrayList<>(0);
        } else {
            nodes = switch (type) {
                case SCORE -> {
                    if (offset > 0 && offset >= zset.size()) {
                        yield new ArrayList<>(0);
                    }
                    yield zset.rangeByScore(scoreRange, reverse, offset, limit);
                }
                case LEX -> {
                    if (offset > 0 && offset >= zset.size()) {
                        yield new ArrayList<>(0);
                    }
                    yield ZSets.lexRange(zset, lexRange, reverse, offset, limit);
                }
                default -> {
                    long[] ranks = ZSets.normalizeRanks(start, end, zset.size());
                    yield ranks == null ? new ArrayList<>(0) : zset.rangeByRank(ranks[0], ranks[1], reverse);
                }
            };
        }

        if (store) {
            byte[] dst = ctx.arg(1);
            ZSetValue result = new ZSetValue();
            for (Node n : nodes) {
                ZSets.put(ctx, result, n.member(), n.score());
            }
            ZSets.storeResult(ctx, dst, result, "zrangestore");
        } else {
            ZSets.writeNodes(ctx, nodes, withScores);
        }
    }
}
