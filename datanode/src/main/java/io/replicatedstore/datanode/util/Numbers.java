package io.replicatedstore.datanode.util;

import io.replicatedstore.datanode.error.Errors;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/** Redis's strict number parsing (string2ll, strtold checks) over argument bytes. */
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
     * Parses a float as Redis's getDoubleFromObject does: strtod over the whole string, no
     * leading space, "inf"/"+inf"/"-inf" accepted, NaN rejected. Returns null when invalid.
     */
    public static Double parseDouble(byte[] s) {
        if (s.length == 0 || s.length > 5000 || isSpace(s[0]) || isSpace(s[s.length - 1])) {
            return null;
        }
        String text = new String(s, StandardCharsets.US_ASCII);
        String lower = text.toLowerCase();
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
            }
        }
        for (int i = 0; i < s.length; i++) {
            byte c = s[i];
            boolean ok = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'
                    || c == 'x' || c == 'X' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == 'p' || c == 'P';
            if (!ok) {
                return null;
            }
        }
        try {
            if (lower.contains("x")) {
                return parseHexDouble(text);
            }
            if (lower.indexOf('p') >= 0 || (lower.chars().anyMatch(c -> c >= 'a' && c <= 'f' && c != 'e'))) {
                return null;
            }
            double value = Double.parseDouble(text);
            return Double.isNaN(value) ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseHexDouble(String text) {
        String t = text.toLowerCase();
        if (!t.contains("p")) {
            t = t + "p0";
        }
        double value = Double.parseDouble(t);
        return Double.isNaN(value) ? null : value;
    }

    /** A float argument, or Redis's "value is not a valid float". */
    public static double doubleArg(byte[] s) {
        Double value = parseDouble(s);
        if (value == null) {
            throw Errors.notFloat();
        }
        return value;
    }

    /** A decimal for INCRBYFLOAT-style arithmetic, or null if it is not a finite number. */
    public static BigDecimal parseDecimal(byte[] s) {
        Double d = parseDouble(s);
        if (d == null || d.isInfinite()) {
            return null;
        }
        try {
            return new BigDecimal(new String(s, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            return new BigDecimal(d);
        }
    }

    public static byte[] toBytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }
}
