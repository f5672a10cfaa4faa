package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.resp.DoubleFormat;
import io.replicatedstore.datanode.util.Numbers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Redis's INCRBYFLOAT arithmetic, bit for bit: Redis parses both numbers into x87 80-bit long
 * doubles (64-bit mantissa, correctly rounded by strtold), adds them, and prints the sum with
 * "%.17Lf". Here a long double is an exact {@code ±mantissa * 2^exponent} with a mantissa of at
 * most 64 bits, rounded to nearest-even after parsing and after the addition, so the digits are
 * the ones Redis prints (e.g. 5.6 + 1.5e3 gives "1505.59999999999999998", not "1505.6").
 *
 * <p>Public so HINCRBYFLOAT can share it.
 */
public final class LongDouble {

    private static final int MANTISSA_BITS = 64;
    /** Binary exponent of the largest finite long double's leading bit. */
    private static final int MAX_EXPONENT = 16383;
    /** Weight of the least significant bit of the smallest subnormal long double. */
    private static final int MIN_QUANTUM = -16445;
    /** Decimal exponents beyond which strtold overflows or underflows to zero (checked before any arithmetic). */
    private static final int MAX_DECIMAL_EXPONENT = 4933;
    private static final int MIN_DECIMAL_EXPONENT = -4952;
    /** Extra quotient bits kept when dividing, so rounding sees the guard bit plus a sticky remainder. */
    private static final int GUARD_BITS = MANTISSA_BITS + 2;
    private static final BigInteger TEN_TO_17 = BigInteger.TEN.pow(17);

    /** ±mantissa * 2^exponent; null results stand for an infinity. */
    private record Value(boolean negative, BigInteger mantissa, int exponent) {
        static final Value ZERO = new Value(false, BigInteger.ZERO, 0);
    }

    private LongDouble() {
    }

    /**
     * INCRBYFLOAT: {@code current} (null for a missing key) plus {@code increment}, formatted as
     * Redis stores it. "ERR value is not a valid float" if either is not a number a long double
     * can hold, "ERR increment would produce NaN or Infinity" for an infinite result.
     */
    public static byte[] incrBy(byte[] current, byte[] increment) {
        Value value = current == null ? Value.ZERO : parse(current);
        Value incr = parse(increment);
        if (value == null || incr == null) {
            throw Errors.error(Errors.NAN_OR_INFINITY);
        }
        Value sum = add(value, incr);
        if (sum == null) {
            throw Errors.error(Errors.NAN_OR_INFINITY);
        }
        return format(sum).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses as Redis's string2ld: the nearest long double, or null for an infinity ("inf",
     * "-infinity"...). Throws "ERR value is not a valid float" for text that is not a float, and
     * for values that overflow or underflow to zero (strtold's ERANGE).
     */
    private static Value parse(byte[] text) {
        Double parsed = Numbers.parseDouble(text);
        if (parsed == null) {
            throw Errors.notFloat();
        }
        if (parsed.isInfinite() && !hasDigit(text)) {
            return null;
        }
        BigDecimal exact;
        try {
            exact = new BigDecimal(new String(text, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            if (parsed.isInfinite()) {
                throw Errors.notFloat();
            }
            exact = new BigDecimal(parsed); // hexadecimal floats
        }
        if (exact.signum() == 0) {
            return Value.ZERO;
        }
        long decimalExponent = (long) exact.precision() - exact.scale() - 1;
        if (decimalExponent > MAX_DECIMAL_EXPONENT || decimalExponent < MIN_DECIMAL_EXPONENT) {
            throw Errors.notFloat();
        }
        boolean negative = exact.signum() < 0;
        BigInteger digits = exact.unscaledValue().abs();
        int scale = exact.scale();
        Value value;
        if (scale <= 0) {
            value = round(negative, digits.multiply(BigInteger.TEN.pow(-scale)), 0, false);
        } else {
            // digits / 10^scale: divide with enough extra bits for a correctly rounded mantissa.
            BigInteger divisor = BigInteger.TEN.pow(scale);
            int shift = Math.max(0, divisor.bitLength() - digits.bitLength() + GUARD_BITS);
            BigInteger[] qr = digits.shiftLeft(shift).divideAndRemainder(divisor);
            value = round(negative, qr[0], shift, qr[1].signum() != 0);
        }
        if (value == null || value.mantissa().signum() == 0) {
            throw Errors.notFloat();
        }
        return value;
    }

    private static Value add(Value a, Value b) {
        int low = Math.min(a.exponent(), b.exponent());
        BigInteger x = signed(a).shiftLeft(a.exponent() - low);
        BigInteger y = signed(b).shiftLeft(b.exponent() - low);
        BigInteger sum = x.add(y);
        if (sum.signum() == 0) {
            return Value.ZERO;
        }
        return round(sum.signum() < 0, sum.abs(), -low, false);
    }

    private static BigInteger signed(Value v) {
        return v.negative() ? v.mantissa().negate() : v.mantissa();
    }

    /**
     * The long double nearest to {@code x / 2^shift} (ties to even, subnormals included), where
     * {@code sticky} says the true value is a little above that; null when it overflows.
     */
    private static Value round(boolean negative, BigInteger x, int shift, boolean sticky) {
        if (x.signum() == 0) {
            return Value.ZERO;
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
        return new Value(negative, mantissa, (int) quantum);
    }

    /** C's "%.17Lf" with trailing zeros dropped, as Redis's ld2string in human-friendly mode. */
    private static String format(Value v) {
        BigInteger hundredQuadrillionths; // the value times 10^17, rounded half to even
        if (v.exponent() >= 0) {
            hundredQuadrillionths = v.mantissa().shiftLeft(v.exponent()).multiply(TEN_TO_17);
        } else {
            BigInteger scaled = v.mantissa().multiply(TEN_TO_17);
            int drop = -v.exponent();
            BigInteger q = scaled.shiftRight(drop);
            boolean half = drop <= scaled.bitLength() && scaled.testBit(drop - 1);
            boolean rest = scaled.signum() != 0 && scaled.getLowestSetBit() < drop - 1;
            if (half && (rest || q.testBit(0))) {
                q = q.add(BigInteger.ONE);
            }
            hundredQuadrillionths = q;
        }
        BigDecimal value = new BigDecimal(v.negative() ? hundredQuadrillionths.negate() : hundredQuadrillionths, 17);
        return DoubleFormat.human(value);
    }

    private static boolean hasDigit(byte[] text) {
        for (byte b : text) {
            if (b >= '0' && b <= '9') {
                return true;
            }
        }
        return false;
    }
}
