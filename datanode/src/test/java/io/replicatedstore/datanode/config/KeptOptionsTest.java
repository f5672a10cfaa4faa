package io.replicatedstore.datanode.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeptOptionsTest {

    @ParameterizedTest(name = "notify-keyspace-events ''{0}'' reads back as ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "''|''",
        "KEA|AKE",
        "Kx$|$xK",
        "gE|gE",
        "AKEmn|AKEm",
        "g$lshzxetd|A",
        "nK|nK",
        "Em|Em",
    })
    void eventClassesReadBackInRedisOrder(String classes, String expected) {
        assertThat(KeptOptions.formatEventClasses(KeptOptions.parseEventClasses(classes))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "notify-keyspace-events ''{0}'' is refused")
    @CsvSource({"q", "KEq", "a", "k", "' '"})
    void unknownEventClassLettersAreRefused(String classes) {
        assertThat(KeptOptions.parseEventClasses(classes)).isEqualTo(-1);
        Config config = new Config();
        assertThatThrownBy(() -> config.notifyKeyspaceEvents.set(List.of(classes), false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
    }

    @ParameterizedTest(name = "{0} ''{1}'' gives ''{2}''")
    @CsvSource(delimiter = '|', value = {
        "list-compress-depth|7|7",
        "list-compress-depth|-1|ERR argument must be between 0 and 2147483647 inclusive",
        "active-expire-effort|10|10",
        "active-expire-effort|11|ERR argument must be between 1 and 10 inclusive",
        "active-defrag-cycle-max|0|ERR argument must be between 1 and 99 inclusive",
        "stream-node-max-bytes|1kb|1024",
        "stream-node-max-bytes|''|0",
        "stream-node-max-bytes|-1|ERR argument must be a memory value",
        "hll-sparse-max-bytes|abc|ERR argument must be a memory value",
        "zset-max-ziplist-value|1kb|1024",
        "lua-time-limit|100|100",
        "busy-reply-threshold|-1|ERR argument must be between 0 and 9223372036854775807 inclusive",
        "oom-score-adj|relative|yes",
        "oom-score-adj|absolute|absolute",
        "oom-score-adj-values|-2000 0 2000|-2000 0 2000",
        "oom-score-adj-values|0 100|ERR wrong number of arguments",
        "oom-score-adj-values|0 100 2001|ERR Invalid oom-score-adj-values",
        "shutdown-on-sigterm|nosave now|nosave now",
        "shutdown-on-sigterm|default|default",
        "shutdown-on-sigterm|save nosave|ERR shutdown options SAVE and NOSAVE can't be used simultaneously",
        "shutdown-on-sigterm|''|ERR argument(s) must be one of the following: default, save, nosave, now, force",
        "latency-tracking-info-percentiles|50 99.9|50 99.9",
        "latency-tracking-info-percentiles|101|ERR latency-tracking-info-percentiles parameters should sit between [0.0,100.0]",
        "sanitize-dump-payload|CLIENTS|clients",
        "activedefrag|yes|yes",
        "jemalloc-bg-thread|maybe|ERR argument must be 'yes' or 'no'",
    })
    void keptDirectivesParseAsRedisDoes(String name, String value, String expected) {
        Config config = new Config();
        ConfigOption<?> option = config.option(name);
        assertThat(option).as(name).isNotNull();
        String result;
        try {
            option.set(List.of(value), false);
            result = option.formatted();
        } catch (ConfigException e) {
            result = "ERR " + e.getMessage();
        }
        assertThat(result).isEqualTo(expected);
    }

    @ParameterizedTest(name = "CONFIG GET * leaves out hidden {0}; an exact name finds it")
    @CsvSource({"rdb-key-save-delay", "key-load-delay"})
    void hiddenDirectivesAreFoundOnlyByExactName(String name) {
        Config config = new Config();
        assertThat(config.matching("*")).doesNotContainKey(name).containsKeys("slaveof", "replicaof", "lua-time-limit");
        assertThat(config.option(name)).isNotNull();
    }
}
