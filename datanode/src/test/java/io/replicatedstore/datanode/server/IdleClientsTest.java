package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.testing.ManualClock;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code timeout} option: the cron closes clients idle for longer, on the node's clock. */
class IdleClientsTest {

    @Test
    void aClientIdleLongerThanTheTimeoutIsClosedButABlockedOneIsNot() {
        ManualClock clock = new ManualClock();
        try (TestNode node = TestNode.start(clock, "--timeout", "10");
             RespClient idle = node.client(); RespClient blocked = node.client()) {
            long idleId = (Long) idle.call("CLIENT", "ID");
            blocked.send("BLPOP", "nothing", "0");
            clock.advance(Duration.ofSeconds(11));
            idle.timeout(10_000);
            assertThat(idle.isClosedByServer()).isTrue();
            try (RespClient other = node.client()) {
                assertThat(other.call("CLIENT", "LIST").toString()).doesNotContain("id=" + idleId + " ");
                assertThat(other.call("RPUSH", "nothing", "x")).isEqualTo(1L);
            }
            assertThat(blocked.read()).isEqualTo(List.of("nothing", "x"));
        }
    }

    @Test
    void aClientThatSpokeWithinTheTimeoutStaysOpen() {
        ManualClock clock = new ManualClock();
        try (TestNode node = TestNode.start(clock, "--timeout", "10"); RespClient c = node.client()) {
            assertThat(c.call("PING")).isEqualTo("PONG");
            clock.advance(Duration.ofSeconds(9));
            assertThat(c.call("PING")).isEqualTo("PONG");
            clock.advance(Duration.ofSeconds(9));
            assertThat(c.call("PING")).isEqualTo("PONG");
        }
    }
}
