package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.testing.ManualClock;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property style: a seeded random workload runs on a node while the propagated stream is
 * captured as RESP; replaying those bytes into a fresh node must give the same dataset.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PropagationReplayTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void replayingTheStreamRebuildsTheDataset(long seed) {
        ManualClock clock = new ManualClock();
        try (TestNode source = TestNode.start(clock); TestNode target = TestNode.start(clock);
             RespClient c = source.client(); RespClient blocker = source.client(); RespClient r = target.client()) {
            PropagationFixture.Capture capture = PropagationFixture.attach(source);
            PropagationFixture.workload(c, blocker, seed, 1500);
            clock.advance(Duration.ofMillis(100)); // the short expiries pass
            Map<String, List<Object>> expected = PropagationFixture.dump(c);
            PropagationFixture.replay(r, capture);
            Map<String, List<Object>> actual = PropagationFixture.dump(r);
            assertThat(expected).isNotEmpty();
            assertThat(actual).isEqualTo(expected);
        }
    }
}
