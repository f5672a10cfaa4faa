package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.config.OutputBufferLimits.Limit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class OutputLimitCheckTest {

    private static final Limit PUBSUB = new Limit(32_000, 8_000, 60);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            under both limits stays open and forgets the soft time  | 1000   | 5000   | 100000 | false | 0
            at the hard limit closes at once                        | 32000  | 0      | 100000 | true  | 100000
            over the soft limit the first time only starts the clock | 9000  | 0      | 100000 | false | 100000
            over the soft limit within its seconds stays open       | 9000   | 100000 | 160000 | false | 100000
            over the soft limit longer than its seconds closes      | 9000   | 100000 | 160001 | true  | 100000
            back under the soft limit resets the clock              | 7999   | 100000 | 200000 | false | 0
            """)
    void aClientIsClosedOverTheHardLimitOrOverTheSoftLimitForLongerThanItsSeconds(
            String description, long used, long softSince, long now, boolean close, long newSoftSince) {
        OutputLimitCheck.Result result = OutputLimitCheck.check(used, PUBSUB, softSince, now);
        assertThat(result.close()).as(description).isEqualTo(close);
        assertThat(result.softSinceMs()).as(description).isEqualTo(newSoftSince);
    }

    @ParameterizedTest(name = "hard={0} soft={1} used={2}")
    @CsvSource({
        "0, 0, 999999999999, false",
        "0, 100, 100, false", // soft reached the first time: not yet
        "100, 0, 99, false",
        "100, 0, 100, true",
    })
    void zeroDisablesALimit(long hard, long soft, long used, boolean close) {
        assertThat(OutputLimitCheck.check(used, new Limit(hard, soft, 0), 0, 5000).close()).isEqualTo(close);
    }

    @ParameterizedTest(name = "hard={0} backlog={1} gives {2}")
    @CsvSource({
        "1000, 1048576, 1048576",
        "268435456, 1048576, 268435456",
        "0, 1048576, 0",
    })
    void aReplicaHardLimitBelowTheBacklogSizeCountsAsTheBacklogSize(long hard, long backlog, long effective) {
        assertThat(OutputLimitCheck.replicaLimit(new Limit(hard, 10, 5), backlog).hardBytes()).isEqualTo(effective);
    }
}
