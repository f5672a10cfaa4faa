package io.replicatedstore.datanode.util;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LongDoubleTest {

    /** What string2ld rejects: INCRBYFLOAT answers "ERR value is not a valid float". */
    private static final String NOT_FLOAT = "<not a float>";
    /** An infinite or NaN sum: "ERR increment would produce NaN or Infinity". */
    private static final String NOT_FINITE = "<not finite>";

    /** INCRBYFLOAT's arithmetic: {@code current} (null for a missing key) plus {@code increment}. */
    private static String incr(String current, String increment) {
        LongDouble value = current == null ? LongDouble.ZERO : LongDouble.parse(bytes(current));
        LongDouble incr = LongDouble.parse(bytes(increment));
        if (value == null || incr == null) {
            return NOT_FLOAT;
        }
        LongDouble sum = value.plus(incr);
        return sum.isFinite() ? sum.toHumanString() : NOT_FINITE;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void sumsPrintLikeRedisPercent17LfOfALongDouble() {
        assertThat(incr(null, "1")).isEqualTo("1");
        assertThat(incr("1", "0.25")).isEqualTo("1.25");
        assertThat(incr("0.1", "0.2")).isEqualTo("0.3");
        assertThat(incr("5.6", "1.5e3")).isEqualTo("1505.59999999999999998");
        assertThat(incr("17179869184", "1.5")).isEqualTo("17179869185.5");
        assertThat(incr("3.0e1", "1")).isEqualTo("31");
        assertThat(incr(null, "0x10")).isEqualTo("16");
        assertThat(incr("1", "-1")).isEqualTo("0");
        assertThat(incr(null, "-0.0")).isEqualTo("0");
        assertThat(incr("1e308", "16")).startsWith("99999999999999999996685879655845645660560099847415");
        assertThat(incr("5005", "1e-5")).isEqualTo("5005.00001000000000007");
        assertThat(incr("9223372036854775808", "1.5")).isEqualTo("9223372036854775810");
    }

    @Test
    void roundingKeepsSixtyFourSignificantBitsAndPrintsTiesToEven() {
        // 2^64 + 1 needs 65 bits: it rounds to 2^64 (ties to even); 2^64 - 1 fits exactly.
        assertThat(incr("18446744073709551616", "1")).isEqualTo("18446744073709551616");
        assertThat(incr("18446744073709551615", "0")).isEqualTo("18446744073709551615");
        // 2^-18 = 0.000003814697265625 is a tie at the 17th decimal.
        assertThat(incr(null, "0.000003814697265625")).isEqualTo("0.00000381469726562");
        assertThat(incr("0.000003814697265625", "1e-17")).isEqualTo("0.00000381469726563");
        assertThat(incr(null, "-1e-18")).isEqualTo("0");
        assertThat(incr(null, "1e-4940")).isEqualTo("0");
    }

    @Test
    void hexadecimalFloatsAreReadExactlyAsStrtoldReadsThem() {
        // 2^64 + 1 is a tie that rounds to even; + 1.5 rounds up; + 3 is a tie that rounds up to even.
        assertThat(incr(null, "0x1.0000000000000001p64")).isEqualTo("18446744073709551616");
        assertThat(incr(null, "0x1.00000000000000018p64")).isEqualTo("18446744073709551618");
        assertThat(incr(null, "0x1.0000000000000003p64")).isEqualTo("18446744073709551620");
        assertThat(incr(null, "0x1p2000")).startsWith("114813069527425452423283320117768198402231770208869520047764");
        assertThat(incr(null, "0x1.fffffffffffffffep16383")) // LDBL_MAX
                .startsWith("118973149535723176502126385303097020516906332229462420044032");
        assertThat(incr(null, "0x1p16384")).isEqualTo(NOT_FLOAT);
        assertThat(incr(null, "-0x.8")).isEqualTo("-0.5");
        assertThat(incr(null, "0X1P-3")).isEqualTo("0.125");
        assertThat(incr(null, "0x1.8e")).isEqualTo("1.5546875"); // 'e' is a hex digit
        for (String bad : new String[] {"0x", "0x.", "0x1p", "0x1p1d", "0x1p1f", "0x1g"}) {
            assertThat(incr(null, bad)).as(bad).isEqualTo(NOT_FLOAT);
        }
    }

    @Test
    void theRangeIsALongDoublesNotADoubles() {
        assertThat(incr(null, "1e500")).startsWith("999999999999999999975327126696628762274438804270626243448148");
        assertThat(incr(null, "1e-400")).isEqualTo("0");
        assertThat(incr(null, "1e4932")).startsWith("100000000000000000000601894938796389132383777425453311477378");
        assertThat(incr(null, "1e4933")).isEqualTo(NOT_FLOAT);
        // The smallest subnormal is 2^-16445 (about 3.6e-4951); half of it is a tie that rounds to 0.
        assertThat(incr(null, "1e-4950")).isEqualTo("0");
        assertThat(incr(null, "1e-4951")).isEqualTo(NOT_FLOAT);
        assertThat(incr(null, "0x1p-16445")).isEqualTo("0");
        assertThat(incr(null, "0x1p-16446")).isEqualTo(NOT_FLOAT);
        assertThat(incr(null, "0x1.8p-16446")).isEqualTo("0");
        assertThat(incr("1e300", "0x1p-16446")).isEqualTo(NOT_FLOAT);
    }

    @Test
    void stringsOfRedisMaxLongDoubleCharsOrMoreAreNotNumbers() {
        assertThat(incr(null, "1." + "0".repeat(5117))).isEqualTo("1"); // 5119 characters
        assertThat(incr(null, "1." + "0".repeat(5118))).isEqualTo(NOT_FLOAT);
    }

    @Test
    void infinitiesAndUnrepresentableValuesAreRejected() {
        assertThat(incr(null, "inf")).isEqualTo(NOT_FINITE);
        assertThat(incr(null, "-Infinity")).isEqualTo(NOT_FINITE);
        assertThat(incr("-inf", "1")).isEqualTo(NOT_FINITE);
        assertThat(incr("-inf", "+INF")).isEqualTo(NOT_FINITE);
        assertThat(incr("1e4932", "1e4932")).isEqualTo(NOT_FINITE);
        assertThat(incr(null, "1e5000")).isEqualTo(NOT_FLOAT);
        assertThat(incr(null, "1e-5000")).isEqualTo(NOT_FLOAT);
        assertThat(incr(null, "1e-1000000000")).isEqualTo(NOT_FLOAT);
        assertThat(incr(null, "1e99999999999999999999")).isEqualTo(NOT_FLOAT);
        assertThat(incr(null, "nan")).isEqualTo(NOT_FLOAT);
        assertThat(incr(null, "infinit")).isEqualTo(NOT_FLOAT);
        assertThat(incr(null, " 1")).isEqualTo(NOT_FLOAT);
        assertThat(incr(null, "1 ")).isEqualTo(NOT_FLOAT);
        assertThat(incr("x", "1")).isEqualTo(NOT_FLOAT);
        for (String bad : new String[] {"", ".", "+", "e5", "1e", "1e+", "1d", "1f", "1_0", "--1", "1.2.3"}) {
            assertThat(incr(null, bad)).as(bad).isEqualTo(NOT_FLOAT);
        }
        assertThat(incr(null, "0e-99999999")).isEqualTo("0");
        assertThat(incr(null, "+.5")).isEqualTo("0.5");
        assertThat(incr(null, "5.")).isEqualTo("5");
    }

    @Test
    void timeoutsConvertAsCeillOfTheProductCastToLongLong() {
        assertThat(millis("0.0001")).isEqualTo(1);
        assertThat(millis("1e-400")).isEqualTo(1);
        assertThat(millis("1.5")).isEqualTo(1500);
        assertThat(millis("-0.0001")).isZero();
        assertThat(millis("-1")).isEqualTo(-1000);
        assertThat(millis("9223372036854775")).isEqualTo(9223372036854775000L);
        assertThat(millis("9223372036854776")).isEqualTo(Long.MIN_VALUE);
        assertThat(millis("1e500")).isEqualTo(Long.MIN_VALUE);
        assertThat(millis("-1e500")).isEqualTo(Long.MIN_VALUE);
        assertThat(millis("inf")).isEqualTo(Long.MIN_VALUE);
    }

    private static long millis(String seconds) {
        return LongDouble.parse(bytes(seconds)).times(1000).ceilToLong();
    }
}
