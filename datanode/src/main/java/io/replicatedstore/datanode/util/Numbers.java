package io.replicatedstore.datanode.util;

import io.replicatedstore.datanode.error.Errors;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;

/** Redis's strict number parsing (string2ll, string2d) over argument bytes. */
public final class Numbers {

    private Numbers() {
    }

    /**
     * Parses a canonical 64-bit integer as Redis's string2ll does: optional '-', no '+', no
     * leading zeros, no spaces. Returns null when the bytes are not one.
     */
    public static Long parseLong(byte[] s) {
        int len = s.length;
        if (len == 0 || len > 20) {
            return null;
        }
        if (len == 1 && s[0] == '0') {
            return 0L;
        }
        int i = 0;
        boolean negative = false;
        if (s[0] == '-') {
            negative = true;
            i = 1;
            if (len == 1) {
                return null;
            }
        }
        if (s[i] < '1' || s[i] > '9') {
            return null;
        }
        long value = 0;
        for (; i < len; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            // Accumulate negatively so Long.MIN_VALUE parses.
            if (value < (Long.MIN_VALUE + d) / 10) {
                return null;
            }
            value = value * 10 - d;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                return null;
            }
            return -value;
        }
        return value;
    }

    /** A long argument, or Redis's "value is not an integer or out of range". */
    public static long longArg(byte[] s) {
        Long value = parseLong(s);
        if (value == null) {
            throw Errors.notInteger();
        }
        return value;
    }

    /** Whether the bytes are a canonical integer (what Redis stores with the int encoding). */
    public static boolean isCanonicalLong(byte[] s) {
        return parseLong(s) != null;
    }

    /**
     * Parses a float as Redis's getDoubleFromObject (string2d) does: strtod over the whole string,
     * decimal or hexadecimal, no spaces, "inf"/"infinity" in any case, no NaN, and nothing that
     * overflows to infinity or underflows to zero (strtod's ERANGE: 1e500, 1e-400). Returns null
     * when invalid.
     */
    public static Double parseDouble(byte[] s) {
        return parseDouble(s, true);
    }

    /**
     * Parses a float as a bare strtod over the whole string does, as Redis reads score range
     * bounds: like {@link #parseDouble} except that what overflows gives an infinity and what
     * underflows gives 0.
     */
    public static Double parseDoubleSaturating(byte[] s) {
        return parseDouble(s, false);
    }

    private static Double parseDouble(byte[] s, boolean rangeChecked) {
        double fast = parseSimpleDecimal(s);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        String text = new String(s, StandardCharsets.ISO_8859_1);
        Matcher infinity = FloatSyntax.INFINITY.matcher(text);
        if (infinity.matches()) {
            return infinity.group(1).equals("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        double value;
        if (FloatSyntax.DECIMAL.matcher(text).matches()) {
            value = Double.parseDouble(text);
        } else if (FloatSyntax.HEX.matcher(text).matches()) {
            // Java wants the binary exponent that strtod makes optional.
            value = Double.parseDouble(text.indexOf('p') < 0 && text.indexOf('P') < 0 ? text + "p0" : text);
        } else {
            return null;
        }
        if (rangeChecked && (Double.isInfinite(value) || (value == 0 && mantissaHasNonZeroDigit(text)))) {
            return null;
        }
        return value;
    }

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    /**
     * The common case without regular expressions or strings: [+-]digits[.digits] with at most 15
     * digits in all. Both the digits (as a long) and the power of ten are exact doubles, so one
     * division gives the correctly rounded value strtod would. NaN when the fast path does not apply.
     */
    private static double parseSimpleDecimal(byte[] s) {
        int i = 0;
        boolean negative = false;
        if (s.length > 0 && (s[0] == '-' || s[0] == '+')) {
            negative = s[0] == '-';
            i = 1;
        }
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean inFraction = false;
        for (; i < s.length; i++) {
            byte c = s[i];
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (inFraction) {
                    fractionDigits++;
                }
            } else if (c == '.' && !inFraction) {
                inFraction = true;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0 || digits > 15) {
            return Double.NaN;
        }
        double value = mantissa / POWERS_OF_TEN[fractionDigits];
        return negative ? -value : value;
    }

    /** Whether the digits before the exponent are not all zeros (so a 0 result is an underflow). */
    private static boolean mantissaHasNonZeroDigit(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        int start = (t.startsWith("+") || t.startsWith("-")) ? 1 : 0;
        boolean hex = t.startsWith("0x", start);
        if (hex) {
            start += 2;
        }
        for (int i = start; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == (hex ? 'p' : 'e')) {
                break;
            }
            if ((c >= '1' && c <= '9') || (hex && c >= 'a' && c <= 'f')) {
                return true;
            }
        }
        return false;
    }

    /** A float argument as {@link #parseDouble} reads it, or Redis's "value is not a valid float". */
    public static double doubleArg(byte[] s) {
        Double value = parseDouble(s);
        if (value == null) {
            throw Errors.notFloat();
        }
        return value;
    }

    /** The decimal ASCII form of a long, written straight into bytes (INCR's hot path). */
    public static byte[] toBytes(long value) {
        if (value == Long.MIN_VALUE) {
            return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
        }
        boolean negative = value < 0;
        long v = negative ? -value : value;
        int digits = 1;
        for (long rest = v / 10; rest > 0; rest /= 10) {
            digits++;
        }
        byte[] out = new byte[negative ? digits + 1 : digits];
        for (int i = out.length - 1; i >= (negative ? 1 : 0); i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        if (negative) {
            out[0] = '-';
        }
        return out;
    }

}
