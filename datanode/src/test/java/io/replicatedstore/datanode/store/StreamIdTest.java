package io.replicatedstore.datanode.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class StreamIdTest {

    @ParameterizedTest(name = "\"{0}\" with missing sequence {1} reads as {2}")
    @CsvSource(nullValues = "null", value = {
            "1-2, 0, 1-2",
            "5, 0, 5-0",
            "5, -1, 5-18446744073709551615",
            "18446744073709551615-18446744073709551615, 0, 18446744073709551615-18446744073709551615",
            "18446744073709551616, 0, null",
            "1-18446744073709551616, 0, null",
            "-, 0, null",
            "+, 0, null",
            "-1, 0, null",
            "1-, 0, null",
            "1--1, 0, null",
            "abc, 0, null",
            "1-2-3, 0, null",
            "' 1', 0, null",
            "0-0, 0, 0-0",
    })
    void parsesIdsAsRedisDoes(String text, long missingSeq, String expected) {
        StreamId id = StreamId.parse(text.getBytes(StandardCharsets.US_ASCII), missingSeq);
        assertThat(id == null ? null : id.toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} compared to {1} is {2}")
    @CsvSource({
            "1-0, 1-0, 0",
            "1-0, 1-1, -1",
            "2-0, 1-18446744073709551615, 1",
            "18446744073709551615-0, 1-0, 1",
            "0-18446744073709551615, 0-1, 1",
    })
    void ordersAsUnsigned128BitNumbers(String a, String b, int sign) {
        assertThat(Integer.signum(id(a).compareTo(id(b)))).isEqualTo(sign);
    }

    @ParameterizedTest(name = "after {0} comes {1}, before it {2}")
    @CsvSource(nullValues = "null", value = {
            "1-1, 1-2, 1-0",
            "1-18446744073709551615, 2-0, 1-18446744073709551614",
            "2-0, 2-1, 1-18446744073709551615",
            "0-0, 0-1, null",
            "18446744073709551615-18446744073709551615, null, 18446744073709551615-18446744073709551614",
    })
    void stepsToTheNextAndPreviousIds(String id, String next, String previous) {
        StreamId n = id(id).next();
        StreamId p = id(id).previous();
        assertThat(n == null ? null : n.toString()).isEqualTo(next);
        assertThat(p == null ? null : p.toString()).isEqualTo(previous);
    }

    private static StreamId id(String text) {
        return StreamId.parse(text.getBytes(StandardCharsets.US_ASCII), 0);
    }
}
