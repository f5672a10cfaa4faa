package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.error.RedisException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LongDoubleTest {

    private static String incr(String current, String increment) {
        byte[] result = LongDouble.incrBy(current == null ? null : bytes(current), bytes(increment));
        return new String(result, StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
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
    void infinitiesAndUnrepresentableValuesAreRejected() {
        assertThatThrownBy(() -> incr(null, "inf")).isInstanceOf(RedisException.class)
                .hasMessage("ERR increment would produce NaN or Infinity");
        assertThatThrownBy(() -> incr("-inf", "1")).hasMessage("ERR increment would produce NaN or Infinity");
        assertThatThrownBy(() -> incr("1e4932", "1e4932")).hasMessage("ERR increment would produce NaN or Infinity");
        assertThatThrownBy(() -> incr(null, "1e5000")).hasMessage("ERR value is not a valid float");
        assertThatThrownBy(() -> incr(null, "1e-5000")).hasMessage("ERR value is not a valid float");
        assertThatThrownBy(() -> incr(null, "nan")).hasMessage("ERR value is not a valid float");
        assertThatThrownBy(() -> incr(null, " 1")).hasMessage("ERR value is not a valid float");
        assertThatThrownBy(() -> incr("x", "1")).hasMessage("ERR value is not a valid float");
        assertThat(incr(null, "0e-99999999")).isEqualTo("0");
    }
}
