package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;

import java.math.BigInteger;

/**
 * The cursor and options of a *SCAN command over one key, parsed as Redis's
 * parseScanCursorOrReply (strtoul) and scanGenericCommand do.
 */
final class ScanArgs {

    static final String INVALID_CURSOR = "ERR invalid cursor";
    private static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** The glob to match, or null when there is none (or it is "*"). */
    final byte[] pattern;
    /** The COUNT hint, clamped to an int. */
    final int count;

    private ScanArgs(byte[] pattern, int count) {
        this.pattern = pattern;
        this.count = count;
    }

    /**
     * The cursor as strtoul reads it: optional sign, decimal digits, nothing after; an empty
     * string is 0; a negative number wraps around (returned as its two's complement bits).
     */
    static long cursor(byte[] s) {
        if (s.length == 0) {
            return 0;
        }
        int i = 0;
        boolean negative = false;
        if (s[0] == '+' || s[0] == '-') {
            negative = s[0] == '-';
            i = 1;
        }
        if (i == s.length) {
            throw new RedisException(INVALID_CURSOR);
        }
        for (int j = i; j < s.length; j++) {
            if (s[j] < '0' || s[j] > '9') {
                throw new RedisException(INVALID_CURSOR);
            }
        }
        BigInteger value = new BigInteger(new String(s, i, s.length - i, java.nio.charset.StandardCharsets.US_ASCII));
        if (value.compareTo(MAX_UNSIGNED) > 0) {
            throw new RedisException(INVALID_CURSOR);
        }
        return negative ? value.negate().longValue() : value.longValue();
    }

    /** Parses MATCH and COUNT from {@code from} on, as scanGenericCommand does for a key's scan. */
    static ScanArgs options(CommandContext ctx, int from) {
        byte[] pattern = null;
        long count = 10;
        int i = from;
        while (i < ctx.argc()) {
            int remaining = ctx.argc() - i;
            if (ctx.argIs(i, "count") && remaining >= 2) {
                count = ctx.argLong(i + 1);
                if (count < 1) {
                    throw Errors.syntax();
                }
                i += 2;
            } else if (ctx.argIs(i, "match") && remaining >= 2) {
                byte[] p = ctx.arg(i + 1);
                pattern = p.length == 1 && p[0] == '*' ? null : p;
                i += 2;
            } else {
                throw Errors.syntax();
            }
        }
        return new ScanArgs(pattern, (int) Math.min(count, Integer.MAX_VALUE));
    }

    /** The reply for a scan of a missing key: cursor 0 and no elements. */
    static void emptyScan(CommandContext ctx) {
        ctx.reply().array(2).bulk("0").array(0);
    }
}
