package io.replicatedstore.datanode.resp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Formats doubles exactly as Redis 7.0 prints them in replies. */
public final class DoubleFormat {

    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

    private DoubleFormat() {
    }

    /** A double reply (ZSCORE, ZINCRBY...): inf, -inf, nan, or C's "%.17g". */
    public static String reply(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return g17(value);
    }

    /** C's printf("%.17g"): 17 significant digits, fixed or exponent form, trailing zeros dropped. */
    static String g17(double value) {
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(SEVENTEEN_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            BigDecimal mantissa = rounded.movePointLeft(exponent);
            String digits = stripZeros(mantissa.setScale(16, RoundingMode.HALF_EVEN).toPlainString());
            String sign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return digits + "e" + sign + (abs < 10 ? "0" : "") + abs;
        }
        return stripZeros(rounded.setScale(Math.max(0, 16 - exponent), RoundingMode.HALF_EVEN).toPlainString());
    }

    /**
     * A float stored as a string by INCRBYFLOAT / HINCRBYFLOAT: Redis prints a long double with
     * "%.17Lf" and drops trailing zeros. Exact decimal arithmetic gives the same digits here.
     */
    public static String human(BigDecimal value) {
        BigDecimal scaled = value.setScale(17, RoundingMode.HALF_EVEN);
        String text = stripZeros(scaled.toPlainString());
        return text.equals("-0") ? "0" : text;
    }

    private static String stripZeros(String text) {
        if (text.indexOf('.') < 0) {
            return text;
        }
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        if (text.charAt(end - 1) == '.') {
            end--;
        }
        return text.substring(0, end);
    }
}
