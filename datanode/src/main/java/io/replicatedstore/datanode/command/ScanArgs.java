package io.replicatedstore.datanode.command;

import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.util.GlobMatcher;

import java.nio.charset.StandardCharsets;

/**
 * The cursor and options of SCAN, HSCAN, SSCAN and ZSCAN, parsed as Redis 7.0's
 * parseScanCursorOrReply and scanGenericCommand do.
 */
public final class ScanArgs {

    public static final String INVALID_CURSOR = "ERR invalid cursor";

    /** The glob to match, or null when there is none (or it is "*", which matches anything). */
    private final byte[] pattern;
    private final long count;
    /** SCAN's TYPE filter, or null. */
    private final String type;

    private ScanArgs(byte[] pattern, long count, String type) {
        this.pattern = pattern;
        this.count = count;
        this.type = type;
    }

    /**
     * The cursor as strtoul reads it: an unsigned 64-bit decimal, optionally signed (a '-' wraps
     * around, so the result is its two's complement bits), no leading space, nothing after the
     * digits. An empty string is 0.
     */
    public static long cursor(byte[] s) {
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
            throw Errors.error(INVALID_CURSOR);
        }
        for (int k = i; k < s.length; k++) {
            if (s[k] < '0' || s[k] > '9') {
                throw Errors.error(INVALID_CURSOR);
            }
        }
        long value;
        try {
            value = Long.parseUnsignedLong(new String(s, i, s.length - i, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw Errors.error(INVALID_CURSOR); // more than 64 bits: strtoul's ERANGE
        }
        return negative ? -value : value;
    }

    /** SCAN's options from {@code from} on: MATCH, COUNT and TYPE. */
    public static ScanArgs keyspaceOptions(CommandContext ctx, int from) {
        return parse(ctx, from, true);
    }

    /** HSCAN's, SSCAN's and ZSCAN's options from {@code from} on: MATCH and COUNT (TYPE is a syntax error). */
    public static ScanArgs elementOptions(CommandContext ctx, int from) {
        return parse(ctx, from, false);
    }

    private static ScanArgs parse(CommandContext ctx, int from, boolean typeAllowed) {
        byte[] pattern = null;
        long count = 10;
        String type = null;
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
            } else if (typeAllowed && ctx.argIs(i, "type") && remaining >= 2) {
                type = ctx.argString(i + 1);
                i += 2;
            } else {
                throw Errors.syntax();
            }
        }
        return new ScanArgs(pattern, count, type);
    }

    /** The reply for a scan of a missing key: cursor 0 and no elements. */
    public static void replyEmpty(CommandContext ctx) {
        ctx.reply().array(2).bulk("0").array(0);
    }

    /** Whether a key, field or member passes MATCH. */
    public boolean matches(byte[] s) {
        return pattern == null || GlobMatcher.matches(pattern, s);
    }

    /** The COUNT hint (at least 1). */
    public long count() {
        return count;
    }

    /** The COUNT hint clamped to an int, for the value types' scans. */
    public int intCount() {
        return (int) Math.min(count, Integer.MAX_VALUE);
    }

    /** Whether a value of this type (as TYPE names it) passes SCAN's TYPE filter. */
    public boolean typeMatches(String typeName) {
        return type == null || type.equalsIgnoreCase(typeName);
    }
}
