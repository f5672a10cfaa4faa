package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.testing.ManualClock;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** OBJECT IDLETIME and OBJECT FREQ follow the node's clock: the LRU seconds and the LFU decay minutes. */
class ObjectClockTest {

    @Test
    void idletimeCountsTheSecondsSinceTheLastAccess() {
        ManualClock clock = new ManualClock();
        try (TestNode node = TestNode.start(clock); RespClient c = node.client()) {
            c.call("SET", "k", "v");
            clock.advance(Duration.ofSeconds(10));
            assertThat(c.call("OBJECT", "IDLETIME", "k")).isEqualTo(10L);
            c.call("GET", "k");
            assertThat(c.call("OBJECT", "IDLETIME", "k")).isEqualTo(0L);
        }
    }

    @Test
    void theLfuCounterDecaysByOneEveryDecayPeriod() {
        ManualClock clock = new ManualClock();
        try (TestNode node = TestNode.start(clock, "--maxmemory-policy", "allkeys-lfu", "--lfu-decay-time", "1");
             RespClient c = node.client()) {
            c.call("SET", "k", "v");
            assertThat(c.call("OBJECT", "FREQ", "k")).isEqualTo(5L);
            clock.advance(Duration.ofMinutes(3));
            assertThat(c.call("OBJECT", "FREQ", "k")).isEqualTo(2L);
        }
    }
}
