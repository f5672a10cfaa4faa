package io.replicatedstore.datanode.util;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersTest {

    private static Double strict(String s) {
        return Numbers.parseDouble(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Double saturating(String s) {
        return Numbers.parseDoubleSaturating(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void doublesParseAsStrtodOverTheWholeString() {
        assertThat(strict("1.5")).isEqualTo(1.5);
        assertThat(strict("-.5e1")).isEqualTo(-5.0);
        assertThat(strict("+.5")).isEqualTo(0.5);
        assertThat(strict("5.")).isEqualTo(5.0);
        assertThat(strict("1E+2")).isEqualTo(100.0);
        assertThat(strict("0x1.8p1")).isEqualTo(3.0);
        assertThat(strict("0X.8")).isEqualTo(0.5);
        assertThat(strict("0x1e5")).isEqualTo(485.0); // 'e' is a hex digit
        assertThat(strict("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(strict("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(strict("1." + "0".repeat(6000))).isEqualTo(1.0); // strtod has no length limit
        for (String bad : new String[] {"", " 1", "1 ", "\t1", "nan", "infinit", ".", "+", "e5", "1e", "1e+", "1_0",
                "--1", "0x", "0x.", "0x1p", "1d", "1f", "0x1p1d", "0x1p1F", "Infinityx"}) {
            assertThat(strict(bad)).as(bad).isNull();
            assertThat(saturating(bad)).as(bad).isNull();
        }
    }

    @Test
    void overflowAndUnderflowToZeroAreRangeErrorsUnlessSaturating() {
        for (String outOfRange : new String[] {"1e500", "-1e500", "1e-400", "0x1p1024", "0x1p-1080", "1e99999999999999999999"}) {
            assertThat(strict(outOfRange)).as(outOfRange).isNull();
        }
        assertThat(saturating("1e500")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(saturating("-1e500")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(saturating("1e-400")).isEqualTo(0.0);
        // Zeros and subnormals are no range errors.
        assertThat(strict("0e-99999999")).isEqualTo(0.0);
        assertThat(strict("-0x0p99")).isEqualTo(-0.0);
        assertThat(strict("1e-310")).isEqualTo(1e-310);
        assertThat(strict("1.7976931348623157e308")).isEqualTo(Double.MAX_VALUE);
    }
}
