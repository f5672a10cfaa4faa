package io.replicatedstore.datanode.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputBufferLimitsTest {

    @Test
    void theDefaultPrintsAsRedisPrintsIt() {
        assertThat(new Config().clientOutputBufferLimit.formatted())
                .isEqualTo("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            normal 1mb 512kb 10                       | normal 1048576 524288 10 slave 268435456 67108864 60 pubsub 33554432 8388608 60
            replica 300mb 100mb 30 pubsub 1k 1k 1     | normal 0 0 0 slave 314572800 104857600 30 pubsub 1000 1000 1
            SLAVE 1gb 0 0                             | normal 0 0 0 slave 1073741824 0 0 pubsub 33554432 8388608 60
            """)
    void aValueChangesOnlyTheClassesItNames(String value, String printed) throws ConfigException {
        Config config = new Config();
        config.clientOutputBufferLimit.set(List.of(value), true);
        assertThat(config.clientOutputBufferLimit.formatted()).isEqualTo(printed);
    }

    @Test
    void fileLinesOneClassEachAddUp() throws ConfigException {
        Config config = new Config();
        config.clientOutputBufferLimit.set(List.of("normal", "10mb", "5mb", "3"), false);
        config.clientOutputBufferLimit.set(List.of("pubsub", "0", "0", "0"), false);
        assertThat(config.clientOutputBufferLimit.formatted())
                .isEqualTo("normal 10485760 5242880 3 slave 268435456 67108864 60 pubsub 0 0 0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            normal 1mb 512kb                  | Wrong number of arguments in buffer limit configuration.
            master 1 1 1                      | Invalid client class specified in buffer limit configuration.
            nobody 1 1 1                      | Invalid client class specified in buffer limit configuration.
            normal x 1 1                      | Error in hard, soft or soft_seconds setting in buffer limit configuration.
            normal 1 1 -1                     | Error in hard, soft or soft_seconds setting in buffer limit configuration.
            normal 1 1 1 pubsub 1 1 y         | Error in hard, soft or soft_seconds setting in buffer limit configuration.
            """)
    void aBadValueIsRefusedWholeWithRedisMessage(String value, String message) {
        Config config = new Config();
        assertThatThrownBy(() -> config.clientOutputBufferLimit.set(List.of(value), true))
                .isInstanceOf(ConfigException.class).hasMessage(message);
        assertThat(config.clientOutputBufferLimit.get()).isEqualTo(OutputBufferLimits.DEFAULT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0      | 0
            1gb    | 1073741824
            10%    | 10%
            100%   | 100%
            """)
    void maxmemoryClientsTakesBytesOrAPercentage(String value, String printed) throws ConfigException {
        Config config = new Config();
        config.maxmemoryClients.set(List.of(value), true);
        assertThat(config.maxmemoryClients.formatted()).isEqualTo(printed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            101%   | percentage argument must be less or equal to 100
            abc    | argument must be a memory or percent value
            -5%    | argument must be a memory or percent value
            """)
    void maxmemoryClientsRefusesWhatRedisRefuses(String value, String message) {
        assertThatThrownBy(() -> new Config().maxmemoryClients.set(List.of(value), true)).hasMessage(message);
    }

    @Test
    void aPercentageOfMaxmemoryIsThatShareOfIt() throws ConfigException {
        Config config = new Config();
        config.maxmemoryClients.set(List.of("10%"), true);
        assertThat(config.maxmemoryClients.bytes(1_000_000)).isEqualTo(100_000);
        assertThat(config.maxmemoryClients.bytes(0)).isZero();
    }
}
