package io.replicatedstore.datanode.resp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class DoubleFormatTest {

    /** Expected values are what C's printf("%.17g") prints (Redis 7.0 double replies). */
    @ParameterizedTest
    @CsvSource({
        "1.5, 1.5",
        "1.1, 1.1000000000000001",
        "0.1, 0.10000000000000001",
        "3, 3",
        "-2.5, -2.5",
        "1e20, 1e+20",
        "1.5e-5, 1.5e-05",
        "1.3e-5, 1.2999999999999999e-05",
        "0.0001, 0.0001",
        "123456789012345678, 1.2345678901234568e+17",
        "12345678901234567, 12345678901234568",
    })
    void doublesPrintLikeCPercentG17(double value, String expected) {
        assertThat(DoubleFormat.reply(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"10.6, 10.6", "3.0, 3", "5.0e3, 5000", "-0.0, 0", "0.1, 0.1"})
    void incrbyfloatResultsDropTrailingZeros(String value, String expected) {
        assertThat(DoubleFormat.human(new BigDecimal(value))).isEqualTo(expected);
    }
}
