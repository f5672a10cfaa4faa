package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.ZSetValue;
import io.replicatedstore.datanode.store.ZSetValue.LexRange;
import io.replicatedstore.datanode.store.ZSetValue.Node;
import io.replicatedstore.datanode.store.ZSetValue.ScoreRange;
import io.replicatedstore.datanode.util.Numbers;

import java.util.ArrayList;
import java.util.List;

/** Parsing and reply helpers shared by the sorted set commands (Redis's t_zset.c utilities). */
final class ZSets {

    static final String SCORE_RANGE_ERROR = "ERR min or max is not a float";
    static final String LEX_RANGE_ERROR = "ERR min or max not valid string range item";
    static final String NAN_RESULT = "ERR resulting score is not a number (NaN)";
    static final String NOT_POSITIVE = "ERR value is out of range, must be positive";

    private ZSets() {
    }

    // ---- numbers -------------------------------------------------------------------------------

    /**
     * A range bound as zslParseRange reads it with strtod: leading blanks skipped, an empty
     * string is 0, overflow gives +/-inf, NaN and trailing garbage are rejected.
     */
    private static Double rangeDouble(byte[] s, int from) {
        int i = from;
        while (i < s.length && isSpace(s[i])) {
            i++;
        }
        if (i == s.length) {
            return i == from ? 0.0 : null;
        }
        byte[] rest = i == 0 ? s : java.util.Arrays.copyOfRange(s, i, s.length);
        return Numbers.parseDoubleSaturating(rest);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    /** A ZRANGEBYSCORE interval: "(" makes a bound exclusive; "-inf"/"+inf" allowed. */
    static ScoreRange parseScoreRange(byte[] min, byte[] max) {
        boolean minEx = min.length > 0 && min[0] == '(';
        boolean maxEx = max.length > 0 && max[0] == '(';
        Double lo = rangeDouble(min, minEx ? 1 : 0);
        Double hi = rangeDouble(max, maxEx ? 1 : 0);
        if (lo == null || hi == null) {
            throw new RedisException(SCORE_RANGE_ERROR);
        }
        return new ScoreRange(lo, minEx, hi, maxEx);
    }

    /** A ZRANGEBYLEX interval: "[x", "(x", "-" or "+". */
    static LexRange parseLexRange(byte[] min, byte[] max) {
        LexRange range = LexRange.parse(min, max);
        if (range == null) {
            throw new RedisException(LEX_RANGE_ERROR);
        }
        return range;
    }

    /** A count >= 0 (getPositiveLongFromObjectOrReply: one message for bad syntax and range). */
    static long positiveLong(CommandContext ctx, int index) {
        return rangeLong(ctx, index, 0, Long.MAX_VALUE, NOT_POSITIVE);
    }

    /** getRangeLongFromObjectOrReply with a message used for both bad syntax and range. */
    static long rangeLong(CommandContext ctx, int index, long min, long max, String error) {
        Long value = Numbers.parseLong(ctx.arg(index));
        if (value == null || value < min || value > max) {
            throw new RedisException(error);
        }
        return value;
    }

    /**
     * Redis's rank sanitizing for ZRANGE / ZREMRANGEBYRANK: negative ranks count from the end.
     * Returns {start, end} or null when the range is empty.
     */
    static long[] normalizeRanks(long start, long end, long length) {
        if (start < 0) {
            start = length + start;
        }
        if (end < 0) {
            end = length + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= length) {
            return null;
        }
        if (end >= length) {
            end = length - 1;
        }
        return new long[] {start, end};
    }

    // ---- values --------------------------------------------------------------------------------

    /** Applies zset-max-listpack-entries / zset-max-listpack-value. */
    static void updateEncoding(CommandContext ctx, ZSetValue zset) {
        zset.updateEncoding(clampInt(ctx.config().zsetMaxListpackEntries.get()),
                clampInt(ctx.config().zsetMaxListpackValue.get()));
    }

    private static int clampInt(long value) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, value));
    }

    /**
     * Adds or updates a member as zsetAdd does, one at a time, keeping the encoding current. A
     * listpack stores -0 as the integer 0, so a set that stays a listpack never keeps -0.
     * Returns true if the member is new.
     */
    static boolean put(CommandContext ctx, ZSetValue zset, byte[] member, double score) {
        if (score == 0 && isListpack(zset)) {
            long entries = ctx.config().zsetMaxListpackEntries.get();
            long maxValue = ctx.config().zsetMaxListpackValue.get();
            long sizeAfter = zset.size() + (zset.contains(member) ? 0 : 1);
            if (sizeAfter <= entries && member.length <= maxValue) {
                score = 0.0;
            }
        }
        boolean added = zset.put(member, score);
        updateEncoding(ctx, zset);
        return added;
    }

    static boolean isListpack(ZSetValue zset) {
        return zset.encoding().equals("listpack");
    }

    /**
     * A new sorted set from computed members (ZUNIONSTORE and friends): its encoding is decided
     * from the final size and longest member, as zsetConvertToListpackIfNeeded does.
     */
    static ZSetValue fromEntries(CommandContext ctx, List<byte[]> members, double[] scores) {
        long maxLen = 0;
        for (byte[] m : members) {
            maxLen = Math.max(maxLen, m.length);
        }
        boolean listpack = members.size() <= ctx.config().zsetMaxListpackEntries.get()
                && maxLen <= ctx.config().zsetMaxListpackValue.get();
        ZSetValue zset = new ZSetValue();
        for (int i = 0; i < members.size(); i++) {
            double score = scores[i];
            zset.put(members.get(i), listpack && score == 0 ? 0.0 : score);
        }
        updateEncoding(ctx, zset);
        return zset;
    }

    /**
     * Stores a computed sorted set at {@code dst} (replacing any value and its TTL) and replies
     * with its size; an empty result deletes {@code dst} instead.
     */
    static void storeResult(CommandContext ctx, byte[] dst, ZSetValue result, String event) {
        Database db = ctx.db();
        if (result.isEmpty()) {
            if (db.delete(dst)) {
                ctx.modified(dst);
                ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", dst);
            }
            ctx.reply().integer(0);
            return;
        }
        db.put(dst, result);
        ctx.modified(dst);
        ctx.keyspaceEvent(KeyspaceEvents.ZSET, event, dst);
        ctx.reply().integer(result.size());
    }

    /** Removes the key if its sorted set became empty. */
    /** Removes the key if its sorted set is empty (a ZADD that added nothing to the set it created). */
    static void deleteIfEmpty(CommandContext ctx, byte[] key, ZSetValue zset) {
        if (zset.isEmpty()) {
            ctx.db().delete(key);
        }
    }

    /** After elements were removed: publishes {@code event} and removes the key if its sorted set became empty. */
    static void removed(CommandContext ctx, byte[] key, ZSetValue zset, String event) {
        ctx.keyspaceEvent(KeyspaceEvents.ZSET, event, key);
        if (zset.isEmpty()) {
            ctx.db().delete(key);
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
        }
    }

    /**
     * ZRANGEBYLEX's walk. With all scores equal this is just the lexicographical interval. For a
     * listpack with mixed scores Redis's result is still well defined (a linear walk: the first
     * element from the start, or the last from the end, that is within the near bound, then the
     * following elements while within the far bound, the offset skipped without checks), so it
     * is reproduced exactly; a skiplist's then depends on its random levels, and the store's
     * O(log n) lookup stands in for it.
     */
    static List<Node> lexRange(ZSetValue zset, LexRange range, boolean reverse, long offset, long limit) {
        if (!isListpack(zset)) {
            return zset.rangeByLex(range, reverse, offset, limit);
        }
        List<Node> out = new ArrayList<>();
        Node x = reverse ? lastInLexRange(zset, range) : firstInLexRange(zset, range);
        while (x != null && offset-- != 0) {
            x = reverse ? x.prev() : x.next();
        }
        while (x != null && limit-- != 0) {
            if (reverse ? !range.gteMin(x.member()) : !range.lteMax(x.member())) {
                break;
            }
            out.add(x);
            x = reverse ? x.prev() : x.next();
        }
        return out;
    }

    /** zzlIsInLexRange: the last member reaches min and the first does not pass max. */
    private static boolean maybeInLexRange(ZSetValue zset, LexRange range) {
        return !zset.isEmpty() && range.gteMin(zset.last().member()) && range.lteMax(zset.first().member());
    }

    private static Node firstInLexRange(ZSetValue zset, LexRange range) {
        if (!maybeInLexRange(zset, range)) {
            return null;
        }
        for (Node x = zset.first(); x != null; x = x.next()) {
            if (range.gteMin(x.member())) {
                return range.lteMax(x.member()) ? x : null;
            }
        }
        return null;
    }

    private static Node lastInLexRange(ZSetValue zset, LexRange range) {
        if (!maybeInLexRange(zset, range)) {
            return null;
        }
        for (Node x = zset.last(); x != null; x = x.prev()) {
            if (range.lteMax(x.member())) {
                return range.gteMin(x.member()) ? x : null;
            }
        }
        return null;
    }

    /** ZLEXCOUNT, with the same walk as {@link #lexRange}. */
    static long lexCount(ZSetValue zset, LexRange range) {
        return isListpack(zset) ? lexRange(zset, range, false, 0, -1).size() : zset.count(range);
    }

    /** ZREMRANGEBYLEX, with the same walk as {@link #lexRange}; returns how many were removed. */
    static long removeLexRange(ZSetValue zset, LexRange range) {
        if (!isListpack(zset)) {
            return zset.removeRangeByLex(range);
        }
        List<byte[]> members = new ArrayList<>();
        for (Node n : lexRange(zset, range, false, 0, -1)) {
            members.add(n.member());
        }
        for (byte[] member : members) {
            zset.remove(member);
        }
        return members.size();
    }

    // ---- replies -------------------------------------------------------------------------------

    /**
     * Members, optionally with scores: a flat array in RESP2, and with scores an array of
     * [member, score] pairs in RESP3, as Redis's zrange result handler writes them.
     */
    static void writeNodes(CommandContext ctx, List<Node> nodes, boolean withScores) {
        RespWriter out = ctx.reply();
        boolean pairs = withScores && out.isResp3();
        out.array(withScores && !pairs ? nodes.size() * 2 : nodes.size());
        for (Node n : nodes) {
            writeMember(out, n.member(), n.score(), withScores, pairs);
        }
    }

    static void writeMember(RespWriter out, byte[] member, double score, boolean withScores, boolean pairs) {
        if (pairs) {
            out.array(2);
        }
        out.bulk(member);
        if (withScores) {
            out.doubleValue(score);
        }
    }
}
