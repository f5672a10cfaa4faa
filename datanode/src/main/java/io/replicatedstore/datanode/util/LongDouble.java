package io.replicatedstore.datanode.util;

import io.replicatedstore.datanode.resp.DoubleFormat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;

/**
 * The x87 80-bit {@code long double} (64-bit mantissa) that Redis on x86-64 computes
 * INCRBYFLOAT and HINCRBYFLOAT in, bit for bit: a finite value is an exact
 * {@code ±mantissa * 2^exponent}, rounded to nearest-even (subnormals included) after parsing and
 * after an addition, as strtold and the FPU round, so sums print with the digits Redis prints
 * (5.6 + 1.5e3 gives "1505.59999999999999998", not "1505.6").
 */
public final class LongDouble {

    private static final int MANTISSA_BITS = 64;
    /** Binary exponent of the largest finite long double's leading bit. */
    private static final int MAX_EXPONENT = 16383;
    /** Weight of the least significant bit of the smallest subnormal long double. */
    private static final int MIN_QUANTUM = -16445;
    /**
     * Leading decimal digit exponents outside these are certain to overflow (LDBL_MAX is about
     * 1.19e4932) or underflow to zero (below 2^-16446, about 1.8e-4951); checked before any
     * arithmetic so that "1e-1000000000" costs nothing.
     */
    private static final int MAX_DECIMAL_EXPONENT = 4932;
    private static final int MIN_DECIMAL_EXPONENT = -4951;
    /** The same bounds for hexadecimal floats, in binary exponents of the leading bit. */
    private static final int MIN_BINARY_EXPONENT = MIN_QUANTUM - 1;
    /** Extra quotient bits kept when dividing, so rounding sees the guard bit plus a sticky remainder. */
    private static final int GUARD_BITS = MANTISSA_BITS + 2;
    /** Written exponents are clamped to these; anything that large is out of range anyway. */
    private static final BigInteger MAX_EXPONENT_DIGITS = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger MIN_EXPONENT_DIGITS = MAX_EXPONENT_DIGITS.negate();
    private static final BigInteger TEN_TO_17 = BigInteger.TEN.pow(17);

    /** Redis's MAX_LONG_DOUBLE_CHARS: string2ld rejects strings this long or longer. */
    private static final int MAX_CHARS = 5 * 1024;

    public static final LongDouble ZERO = new LongDouble(false, BigInteger.ZERO, 0);
    /** An infinity, or the NaN that adding opposite infinities gives: Redis refuses both alike. */
    private static final LongDouble NOT_FINITE = new LongDouble(false, null, 0);

    private final boolean negative;
    /** At most 64 bits; null when not finite. */
    private final BigInteger mantissa;
    private final int exponent;

    private LongDouble(boolean negative, BigInteger mantissa, int exponent) {
        this.negative = negative;
        this.mantissa = mantissa;
        this.exponent = exponent;
    }

    /**
     * Parses as Redis's string2ld (strtold over the whole string): decimal or hexadecimal, "inf"
     * or "infinity" in any case (giving a value that is not finite). Null for what it rejects:
     * empty or too long strings, spaces, NaN, and values that overflow or underflow to zero.
     */
    public static LongDouble parse(byte[] bytes) {
        if (bytes.length == 0 || bytes.length >= MAX_CHARS) {
            return null;
        }
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        if (FloatSyntax.INFINITY.matcher(s).matches()) {
            return NOT_FINITE;
        }
        Matcher m = FloatSyntax.DECIMAL.matcher(s);
        if (m.matches()) {
            return decimal(m);
        }
        m = FloatSyntax.HEX.matcher(s);
        return m.matches() ? hex(m) : null;
    }

    /** A match of {@link FloatSyntax#DECIMAL}. */
    private static LongDouble decimal(Matcher m) {
        String whole = m.group(2);
        String fraction = m.group(3) == null ? "" : m.group(3);
        String all = whole + fraction;
        int first = 0;
        while (first < all.length() && all.charAt(first) == '0') {
            first++;
        }
        if (first == all.length()) {
            return ZERO;
        }
        BigInteger digits = new BigInteger(all.substring(first));
        long scale = fraction.length() - exponent(m.group(4)); // the value is digits / 10^scale
        long leading = all.length() - first - 1 - scale;
        if (leading > MAX_DECIMAL_EXPONENT || leading < MIN_DECIMAL_EXPONENT) {
            return null;
        }
        boolean negative = m.group(1).equals("-");
        LongDouble value;
        if (scale <= 0) {
            value = round(negative, digits.multiply(BigInteger.TEN.pow((int) -scale)), 0, false);
        } else {
            // digits / 10^scale: divide with enough extra bits for a correctly rounded mantissa.
            BigInteger divisor = BigInteger.TEN.pow((int) scale);
            int shift = Math.max(0, divisor.bitLength() - digits.bitLength() + GUARD_BITS);
            BigInteger[] qr = digits.shiftLeft(shift).divideAndRemainder(divisor);
            value = round(negative, qr[0], shift, qr[1].signum() != 0);
        }
        return finiteNonZero(value);
    }

    /** A match of {@link FloatSyntax#HEX}. */
    private static LongDouble hex(Matcher m) {
        String whole = m.group(2);
        String fraction = m.group(3) == null ? "" : m.group(3);
        BigInteger digits = new BigInteger(whole + fraction, 16);
        if (digits.signum() == 0) {
            return ZERO;
        }
        long shift = 4L * fraction.length() - exponent(m.group(4)); // the value is digits / 2^shift
        long leading = digits.bitLength() - 1 - shift;
        if (leading > MAX_EXPONENT || leading < MIN_BINARY_EXPONENT) {
            return null;
        }
        return finiteNonZero(round(m.group(1).equals("-"), digits, (int) shift, false));
    }

    /** An exponent's digits, clamped so that huge ones stay out of range without overflowing. */
    private static long exponent(String text) {
        return text == null ? 0 : new BigInteger(text).max(MIN_EXPONENT_DIGITS).min(MAX_EXPONENT_DIGITS).longValue();
    }

    /** strtold's ERANGE: an overflow to infinity or an underflow to zero is no number to Redis. */
    private static LongDouble finiteNonZero(LongDouble value) {
        return value == null || value.mantissa.signum() == 0 ? null : value;
    }

    public boolean isFinite() {
        return mantissa != null;
    }

    /** The sum as the FPU computes it; not finite when it overflows or either term is not finite. */
    public LongDouble plus(LongDouble other) {
        if (!isFinite() || !other.isFinite()) {
            return NOT_FINITE;
        }
        int low = Math.min(exponent, other.exponent);
        BigInteger sum = signedMantissa().shiftLeft(exponent - low)
                .add(other.signedMantissa().shiftLeft(other.exponent - low));
        if (sum.signum() == 0) {
            return ZERO;
        }
        LongDouble rounded = round(sum.signum() < 0, sum.abs(), -low, false);
        return rounded == null ? NOT_FINITE : rounded;
    }

    /** The product as the FPU computes it; not finite when it overflows or this is not finite. */
    public LongDouble times(long factor) {
        if (!isFinite()) {
            return NOT_FINITE;
        }
        BigInteger product = mantissa.multiply(BigInteger.valueOf(factor));
        LongDouble rounded = round(negative != (factor < 0), product.abs(), -exponent, false);
        return rounded == null ? NOT_FINITE : rounded;
    }

    /**
     * C's {@code (long long) ceill(x)} on x86-64: what does not fit in a long, an infinity
     * included, comes out as Long.MIN_VALUE (the FPU's "integer indefinite").
     */
    public long ceilToLong() {
        if (!isFinite()) {
            return Long.MIN_VALUE;
        }
        BigInteger ceiling = exponent >= 0
                ? signedMantissa().shiftLeft(exponent)
                : signedMantissa().negate().shiftRight(-exponent).negate(); // shiftRight floors
        return ceiling.bitLength() > 63 ? Long.MIN_VALUE : ceiling.longValue();
    }

    private BigInteger signedMantissa() {
        return negative ? mantissa.negate() : mantissa;
    }

    /**
     * The long double nearest to {@code x / 2^shift} (ties to even, subnormals included), where
     * {@code sticky} says the true value is a little above that; null when it overflows.
     */
    private static LongDouble round(boolean negative, BigInteger x, int shift, boolean sticky) {
        if (x.signum() == 0) {
            return ZERO;
        }
        long leading = (long) x.bitLength() - 1 - shift;
        long quantum = Math.max(leading - (MANTISSA_BITS - 1), MIN_QUANTUM);
        long drop = quantum + shift;
        BigInteger mantissa;
        if (drop <= 0) {
            mantissa = x.shiftLeft((int) -drop);
        } else {
            mantissa = x.shiftRight((int) drop);
            boolean half = x.testBit((int) drop - 1);
            boolean rest = sticky || (x.getLowestSetBit() < drop - 1);
            if (half && (rest || mantissa.testBit(0))) {
                mantissa = mantissa.add(BigInteger.ONE);
                if (mantissa.bitLength() > MANTISSA_BITS) {
                    mantissa = mantissa.shiftRight(1);
                    quantum++;
                }
            }
        }
        if (mantissa.signum() != 0 && quantum + mantissa.bitLength() - 1 > MAX_EXPONENT) {
            return null;
        }
        return new LongDouble(negative, mantissa, (int) quantum);
    }

    /**
     * C's "%.17Lf" with trailing zeros dropped (and "-0" as "0"): how Redis's ld2string writes
     * a finite value in human-friendly mode, which is what INCRBYFLOAT stores.
     */
    public String toHumanString() {
        if (!isFinite()) {
            throw new IllegalStateException("not a finite long double");
        }
        BigInteger hundredQuadrillionths; // the value times 10^17, rounded half to even
        if (exponent >= 0) {
            hundredQuadrillionths = mantissa.shiftLeft(exponent).multiply(TEN_TO_17);
        } else {
            BigInteger scaled = mantissa.multiply(TEN_TO_17);
            int drop = -exponent;
            BigInteger q = scaled.shiftRight(drop);
            boolean half = drop <= scaled.bitLength() && scaled.testBit(drop - 1);
            boolean rest = scaled.signum() != 0 && scaled.getLowestSetBit() < drop - 1;
            if (half && (rest || q.testBit(0))) {
                q = q.add(BigInteger.ONE);
            }
            hundredQuadrillionths = q;
        }
        return DoubleFormat.human(new BigDecimal(negative ? hundredQuadrillionths.negate() : hundredQuadrillionths, 17));
    }
}
