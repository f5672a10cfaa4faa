package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.Bytes;
import io.replicatedstore.datanode.store.SetValue;
import io.replicatedstore.datanode.store.ZSetValue;
import io.replicatedstore.datanode.store.ZSetValue.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjDoubleConsumer;

/**
 * Redis's zunionInterDiffGenericCommand: ZUNION[STORE], ZINTER[STORE], ZDIFF[STORE] and
 * ZINTERCARD. Inputs may be sorted sets or plain sets (whose members count with score 1);
 * missing keys are empty inputs.
 */
final class ZSetOperation {

    enum Op { UNION, INTER, DIFF }

    enum Aggregate { SUM, MIN, MAX }

    static final String WEIGHT_NOT_FLOAT = "ERR weight value is not a float";
    static final String LIMIT_NEGATIVE = "ERR LIMIT can't be negative";

    /** One input: a sorted set, a set, or nothing; with its weight. */
    private static final class Source {
        final Object value;
        double weight = 1.0;

        Source(Object value) {
            this.value = value;
        }

        long size() {
            if (value instanceof ZSetValue z) {
                return z.size();
            }
            if (value instanceof SetValue s) {
                return s.size();
            }
            return 0;
        }

        /** The member's score in this input (1 for a set member), or null if absent. */
        Double score(byte[] member) {
            if (value instanceof ZSetValue z) {
                return z.score(member);
            }
            if (value instanceof SetValue s) {
                return s.contains(member) ? 1.0 : null;
            }
            return null;
        }

        void forEach(ObjDoubleConsumer<byte[]> visitor) {
            if (value instanceof ZSetValue z) {
                z.forEach(visitor);
            } else if (value instanceof SetValue s) {
                s.forEach(m -> visitor.accept(m, 1.0));
            }
        }
    }

    private ZSetOperation() {
    }

    /**
     * Runs the operation with numkeys at {@code numkeysIdx}. With a {@code dst} the result is
     * stored there; with {@code cardinalityOnly} (ZINTERCARD) only its size is returned.
     */
    static void run(CommandContext ctx, byte[] dst, int numkeysIdx, Op op, boolean cardinalityOnly) {
        long setnum = ctx.argLong(numkeysIdx);
        if (setnum < 1) {
            throw new RedisException("ERR at least 1 input key is needed for '" + ctx.spec().fullName() + "' command");
        }
        if (setnum > ctx.argc() - (numkeysIdx + 1L)) {
            throw Errors.syntax();
        }
        int n = (int) setnum;
        Source[] src = new Source[n];
        int j = numkeysIdx + 1;
        for (int i = 0; i < n; i++, j++) {
            Object value = ctx.db().get(ctx.arg(j));
            if (value != null && !(value instanceof ZSetValue) && !(value instanceof SetValue)) {
                throw Errors.wrongType();
            }
            src[i] = new Source(value);
        }

        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        long limit = 0;
        int remaining = ctx.argc() - j;
        while (remaining > 0) {
            if (op != Op.DIFF && !cardinalityOnly && remaining >= n + 1 && ctx.argIs(j, "weights")) {
                j++;
                remaining--;
                for (int i = 0; i < n; i++, j++, remaining--) {
                    src[i].weight = ctx.argDouble(j, WEIGHT_NOT_FLOAT);
                }
            } else if (op != Op.DIFF && !cardinalityOnly && remaining >= 2 && ctx.argIs(j, "aggregate")) {
                j++;
                remaining--;
                if (ctx.argIs(j, "sum")) {
                    aggregate = Aggregate.SUM;
                } else if (ctx.argIs(j, "min")) {
                    aggregate = Aggregate.MIN;
                } else if (ctx.argIs(j, "max")) {
                    aggregate = Aggregate.MAX;
                } else {
                    throw Errors.syntax();
                }
                j++;
                remaining--;
            } else if (dst == null && !cardinalityOnly && ctx.argIs(j, "withscores")) {
                j++;
                remaining--;
                withScores = true;
            } else if (cardinalityOnly && remaining >= 2 && ctx.argIs(j, "limit")) {
                j++;
                remaining--;
                limit = ZSets.rangeLong(ctx, j, 0, Long.MAX_VALUE, LIMIT_NEGATIVE);
                j++;
                remaining--;
            } else {
                throw Errors.syntax();
            }
        }

        if (op != Op.DIFF) {
            // Smallest first (stable, like glibc's merge-sort qsort), which also fixes the
            // order in which scores are aggregated.
            Arrays.sort(src, Comparator.comparingLong(Source::size));
        }

        List<byte[]> members = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        long cardinality = 0;
        switch (op) {
            case INTER -> {
                if (src[0].size() > 0) {
                    List<byte[]> firstMembers = new ArrayList<>();
                    List<Double> firstScores = new ArrayList<>();
                    src[0].forEach((m, s) -> {
                        firstMembers.add(m);
                        firstScores.add(s);
                    });
                    for (int k = 0; k < firstMembers.size(); k++) {
                        byte[] member = firstMembers.get(k);
                        double zscore = firstScores.get(k);
                        double score = src[0].weight * zscore;
                        if (Double.isNaN(score)) {
                            score = 0;
                        }
                        int i;
                        for (i = 1; i < n; i++) {
                            Double value;
                            if (src[i].value == src[0].value) {
                                value = zscore;
                            } else {
                                value = src[i].score(member);
                            }
                            if (value == null) {
                                break;
                            }
                            score = aggregate(score, value * src[i].weight, aggregate);
                        }
                        if (i == n) {
                            if (cardinalityOnly) {
                                cardinality++;
                                if (limit != 0 && cardinality >= limit) {
                                    break;
                                }
                            } else {
                                members.add(member);
                                scores.add(score);
                            }
                        }
                    }
                }
            }
            case UNION -> {
                Map<Bytes, double[]> accumulator = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Source s = src[i];
                    Aggregate agg = aggregate;
                    s.forEach((member, zscore) -> {
                        double score = s.weight * zscore;
                        if (Double.isNaN(score)) {
                            score = 0;
                        }
                        double[] existing = accumulator.get(Bytes.of(member));
                        if (existing == null) {
                            accumulator.put(Bytes.of(member), new double[] {score});
                        } else {
                            existing[0] = aggregate(existing[0], score, agg);
                        }
                    });
                }
                for (Map.Entry<Bytes, double[]> e : accumulator.entrySet()) {
                    members.add(e.getKey().bytes());
                    scores.add(e.getValue()[0]);
                }
            }
            case DIFF -> {
                if (src[0].size() > 0) {
                    src[0].forEach((member, score) -> {
                        for (int i = 1; i < n; i++) {
                            if (src[i].value == src[0].value || src[i].score(member) != null) {
                                return;
                            }
                        }
                        members.add(member);
                        scores.add(score);
                    });
                }
            }
            default -> throw new IllegalStateException();
        }

        if (cardinalityOnly) {
            ctx.reply().integer(cardinality);
            return;
        }
        double[] scoreArray = new double[scores.size()];
        for (int i = 0; i < scoreArray.length; i++) {
            scoreArray[i] = scores.get(i);
        }
        if (dst != null) {
            ZSets.storeResult(ctx, dst, ZSets.fromEntries(ctx, members, scoreArray),
                    op == Op.UNION ? "zunionstore" : op == Op.INTER ? "zinterstore" : "zdiffstore");
            return;
        }
        ZSetValue result = new ZSetValue();
        for (int i = 0; i < scoreArray.length; i++) {
            result.put(members.get(i), scoreArray[i]);
        }
        RespWriter out = ctx.reply();
        boolean pairs = withScores && out.isResp3();
        out.array(withScores && !pairs ? result.size() * 2 : result.size());
        for (Node node : result) {
            ZSets.writeMember(out, node.member(), node.score(), withScores, pairs);
        }
    }

    private static double aggregate(double target, double value, Aggregate aggregate) {
        switch (aggregate) {
            case SUM -> {
                double sum = target + value;
                return Double.isNaN(sum) ? 0.0 : sum;
            }
            case MIN -> {
                return value < target ? value : target;
            }
            default -> {
                return value > target ? value : target;
            }
        }
    }
}
