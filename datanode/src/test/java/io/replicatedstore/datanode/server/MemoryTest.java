package io.replicatedstore.datanode.server;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryTest {

    @ParameterizedTest(name = "tenacity {0}: {1} us")
    @CsvSource({
        "0, 0",
        "1, 50",
        "10, 500",
        "11, 575",
        "20, 2022",
        "99, 126205358",
        // 100 is unlimited.
        "100, -1",
    })
    void evictionTimeLimitFollowsRedisTenacityScale(long tenacity, long micros) {
        assertThat(Memory.timeLimitMicros(tenacity)).isEqualTo(micros);
    }

    @ParameterizedTest(name = "max heap {0}, share {1}: ceiling {2}")
    @CsvSource({
        "536870912, 0.6, 322122547",
        "805306368, 0.6, 483183820",
        "1073741824, 0.5, 536870912",
    })
    void theCeilingIsAShareOfTheMaximumHeap(long maxHeap, double share, long ceiling) {
        assertThat(Memory.heapCeiling(maxHeap, share)).isEqualTo(ceiling);
    }
}
