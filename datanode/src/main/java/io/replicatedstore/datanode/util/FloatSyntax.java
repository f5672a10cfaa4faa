package io.replicatedstore.datanode.util;

import java.util.regex.Pattern;

/**
 * What C's strtod and strtold accept as a whole string in the C locale, which Redis's float
 * arguments follow. Java's own parsers differ: they take "1d", "0x1p1f", "Infinity" and spaces,
 * and want a hexadecimal float's exponent.
 */
final class FloatSyntax {

    /** Group 1: the sign. */
    static final Pattern INFINITY = Pattern.compile("([+-]?)(?:inf|infinity)", Pattern.CASE_INSENSITIVE);
    /** Groups: 1 sign, 2 integer digits (maybe empty), 3 fraction digits (null without a point), 4 exponent. */
    static final Pattern DECIMAL = Pattern.compile("([+-]?+)(?=\\.?\\d)(\\d*+)(?:\\.(\\d*+))?+(?:[eE]([+-]?+\\d++))?+");
    /** The same groups as {@link #DECIMAL}, in hexadecimal digits and a binary exponent. */
    static final Pattern HEX = Pattern.compile(
            "([+-]?+)0[xX](?=\\.?\\p{XDigit})(\\p{XDigit}*+)(?:\\.(\\p{XDigit}*+))?+(?:[pP]([+-]?+\\d++))?+");

    private FloatSyntax() {
    }
}
