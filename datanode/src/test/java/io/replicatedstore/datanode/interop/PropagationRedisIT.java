package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.server.PropagationFixture;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The propagated stream is one Debian's redis-server 7.0.15 accepts, and it rebuilds the same dataset there. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PropagationRedisIT {

    @Test
    void redisReplayingOurStreamEndsWithOurDataset() throws InterruptedException {
        try (TestNode source = TestNode.start(); RespClient c = source.client(); RespClient blocker = source.client();
             ServerProcess redis = ServerProcess.redis(); RespClient r = redis.client()) {
            PropagationFixture.Capture capture = PropagationFixture.attach(source);
            PropagationFixture.workload(c, blocker, 7, 1500);
            Thread.sleep(100);
            Map<String, List<Object>> ours = PropagationFixture.dump(c);
            PropagationFixture.replay(r, capture);
            assertThat(ours).isNotEmpty();
            assertThat(PropagationFixture.dump(r)).isEqualTo(ours);
        }
    }
}
