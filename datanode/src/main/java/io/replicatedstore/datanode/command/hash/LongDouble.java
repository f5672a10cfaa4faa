package io.replicatedstore.datanode.command.hash;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Emulates the x86-64 80-bit {@code long double} (64-bit mantissa) that Redis uses for
 * HINCRBYFLOAT, so that results print exactly as Redis prints them: values are kept as exact
 * decimals that are always rounded to the nearest long double (ties to even), as strtold and
 * the FPU do. Parsing follows Redis's string2ld.
 */
final class LongDouble {

    /** What {@link #parse} found. */
    enum Kind { INVALID, INFINITE, FINITE }

    /** A parse result: its kind and, when finite, its (long-double-rounded) value. */
    record Parsed(Kind kind, BigDecimal value) {
    }

    /** Redis's MAX_LONG_DOUBLE_CHARS: longer strings are not numbers to string2ld. */
    private static final int MAX_CHARS = 5 * 1024;
    private static final Pattern DECIMAL = Pattern.compile("([+-]?)(\\d+\\.?\\d*|\\.\\d+)(?:[eE]([+-]?\\d+))?");
    private static final Pattern HEX =
            Pattern.compile("([+-]?)0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)(?:[pP]([+-]?\\d+))?");
    private static final Pattern INFINITY = Pattern.compile("[+-]?(?:inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal TWO_63 = new BigDecimal(BigInteger.ONE.shiftLeft(63));
    private static final BigDecimal TWO_64 = new BigDecimal(BigInteger.ONE.shiftLeft(64));
    /** LDBL_MAX = (2^64 - 1) * 2^(16383 - 63). */
    static final BigDecimal MAX = pow2(new BigDecimal(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)), 16383 - 63);
    /** Below half the smallest subnormal (2^-16445) strtold underflows to 0 with ERANGE. */
    private static final BigDecimal MIN = pow2(BigDecimal.ONE, -16446);
    /** Exponents beyond this certainly overflow or underflow. */
    private static final int EXPONENT_LIMIT = 100_000;
    private static final double LOG2_10 = Math.log(10) / Math.log(2);

    private LongDouble() {
    }

    /** Parses as string2ld does: no spaces, no NaN, overflow and underflow to zero rejected. */
    static Parsed parse(byte[] bytes) {
        if (bytes.length == 0 || bytes.length >= MAX_CHARS) {
            return new Parsed(Kind.INVALID, null);
        }
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        if (INFINITY.matcher(s).matches()) {
            return new Parsed(Kind.INFINITE, null);
        }
        BigDecimal exact;
        Matcher m = DECIMAL.matcher(s);
        if (m.matches()) {
            exact = decimal(m.group(2), m.group(3));
        } else if ((m = HEX.matcher(s)).matches()) {
            exact = hex(m.group(2), m.group(3));
        } else {
            return new Parsed(Kind.INVALID, null);
        }
        if (exact == null) {
            return new Parsed(Kind.INVALID, null);
        }
        if (m.group(1).equals("-")) {
            exact = exact.negate();
        }
        BigDecimal value = round(exact);
        if (value == null) {
            return new Parsed(Kind.INVALID, null);
        }
        return new Parsed(Kind.FINITE, value);
    }

    /** The sum as the FPU computes it; null when it overflows to infinity. */
    static BigDecimal add(BigDecimal a, BigDecimal b) {
        return round(a.add(b));
    }

    /** The nearest long double (ties to even); null on overflow or underflow to zero. */
    static BigDecimal round(BigDecimal v) {
        if (v.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal a = v.abs();
        if (a.compareTo(MIN) < 0) {
            return null;
        }
        int log2 = (int) Math.floor(a.unscaledValue().bitLength() - 1 - a.scale() * LOG2_10);
        int k = 63 - log2;
        BigDecimal scaled = pow2(a, k);
        while (scaled.compareTo(TWO_63) < 0) {
            scaled = scaled.multiply(TWO);
            k++;
        }
        while (scaled.compareTo(TWO_64) >= 0) {
            scaled = scaled.divide(TWO);
            k--;
        }
        BigDecimal mantissa = scaled.setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal result = pow2(mantissa, -k);
        if (result.compareTo(MAX) > 0) {
            return null;
        }
        return v.signum() < 0 ? result.negate() : result;
    }

    private static BigDecimal decimal(String digits, String exponent) {
        BigDecimal mantissa = new BigDecimal(digits.endsWith(".") ? digits.substring(0, digits.length() - 1) : digits);
        if (exponent == null) {
            return mantissa;
        }
        if (mantissa.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigInteger e = new BigInteger(exponent);
        if (e.abs().compareTo(BigInteger.valueOf(EXPONENT_LIMIT)) > 0) {
            return null;
        }
        return mantissa.scaleByPowerOfTen(e.intValue());
    }

    private static BigDecimal hex(String digits, String exponent) {
        int dot = digits.indexOf('.');
        String whole = dot < 0 ? digits : digits.substring(0, dot) + digits.substring(dot + 1);
        int fractionDigits = dot < 0 ? 0 : digits.length() - dot - 1;
        BigInteger mantissa = new BigInteger(whole, 16);
        if (mantissa.signum() == 0) {
            return BigDecimal.ZERO;
        }
        long e = -4L * fractionDigits;
        if (exponent != null) {
            BigInteger p = new BigInteger(exponent);
            if (p.abs().compareTo(BigInteger.valueOf(EXPONENT_LIMIT)) > 0) {
                return null;
            }
            e += p.longValue();
        }
        if (Math.abs(e) > EXPONENT_LIMIT) {
            return null;
        }
        return pow2(new BigDecimal(mantissa), (int) e);
    }

    /** x * 2^k, exactly. */
    private static BigDecimal pow2(BigDecimal x, int k) {
        if (k >= 0) {
            return x.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(k)));
        }
        // 2^-n = 5^n / 10^n
        return x.multiply(new BigDecimal(BigInteger.valueOf(5).pow(-k))).scaleByPowerOfTen(k);
    }
}
