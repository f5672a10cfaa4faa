package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.testing.ManualClock;
import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Keys with a time to live: hidden once expired (lazy expiry), and removed unseen (active expiry). */
class ExpiryTest {

    static final ManualClock clock = new ManualClock();

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start().flushedBeforeEach().withClock(clock);

    @Test
    void anExpiredKeyIsGoneForEveryCommandThatLooksItUp() {
        try (RespClient c = node.client()) {
            c.call("SET", "k", "v", "PX", "100");
            c.call("RPUSH", "l", "a");
            c.call("PEXPIRE", "l", "100");
            assertThat(c.call("GET", "k")).isEqualTo("v");
            clock.advance(Duration.ofMillis(150));
            assertThat(c.call("GET", "k")).isNull();
            assertThat(c.call("EXISTS", "k", "l")).isEqualTo(0L);
            assertThat(c.call("TTL", "k")).isEqualTo(-2L);
            assertThat(c.call("TYPE", "l")).isEqualTo("none");
            assertThat(c.call("KEYS", "*")).isEqualTo(List.of());
            assertThat(c.call("SCAN", "0")).isEqualTo(List.of("0", List.of()));
            assertThat(c.call("RANDOMKEY")).isNull();
            assertThat(c.call("RENAME", "k", "k2")).isEqualTo(new RespClient.Error("ERR no such key"));
            assertThat(c.call("SET", "k", "new", "XX")).isNull();
            assertThat(c.call("INCR", "k")).isEqualTo(1L);
            assertThat(c.call("TTL", "k")).isEqualTo(-1L);
        }
    }

    @Test
    void keysThatAreNeverAccessedAreRemovedByTheActiveCycle() {
        try (RespClient c = node.client()) {
            for (int i = 0; i < 200; i++) {
                c.call("SET", "volatile:" + i, "v", "PX", "50");
            }
            c.call("MSET", "keep:1", "v", "keep:2", "v");
            c.call("SELECT", "3");
            for (int i = 0; i < 50; i++) {
                c.call("SET", "other:" + i, "v", "PX", "50");
            }
            clock.advance(Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> c.call("DBSIZE").equals(0L));
            c.call("SELECT", "0");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> c.call("DBSIZE").equals(2L));
            assertThat(c.call("EXISTS", "keep:1", "keep:2")).isEqualTo(2L);
        }
    }

    @Test
    void expiredKeysCountInInfoStats() {
        try (RespClient c = node.client()) {
            long before = expiredKeys(c);
            c.call("SET", "k", "v", "PX", "20");
            clock.advance(Duration.ofMillis(50));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> expiredKeys(c) > before);
        }
    }

    @Test
    void persistAndOverwritesCancelExpiry() {
        try (RespClient c = node.client()) {
            c.call("SET", "p", "v", "PX", "100");
            assertThat(c.call("PERSIST", "p")).isEqualTo(1L);
            c.call("SET", "o", "v", "PX", "100");
            c.call("SET", "o", "w");
            c.call("SET", "kept", "v", "PX", "100");
            c.call("SET", "kept", "w", "KEEPTTL");
            clock.advance(Duration.ofMillis(200));
            assertThat(c.call("GET", "p")).isEqualTo("v");
            assertThat(c.call("GET", "o")).isEqualTo("w");
            assertThat(c.call("GET", "kept")).isNull();
        }
    }

    @Test
    void renamedAndCopiedKeysKeepTheDeadlineOfTheirSource() {
        try (RespClient c = node.client()) {
            c.call("SET", "src", "v", "PX", "150");
            c.call("COPY", "src", "copy");
            c.call("RENAME", "src", "renamed");
            assertThat((Long) c.call("PTTL", "copy")).isBetween(1L, 150L);
            assertThat((Long) c.call("PTTL", "renamed")).isBetween(1L, 150L);
            clock.advance(Duration.ofMillis(250));
            assertThat(c.call("EXISTS", "copy", "renamed")).isEqualTo(0L);
        }
    }

    private static long expiredKeys(RespClient c) {
        String info = c.call("INFO", "stats").toString();
        for (String line : info.split("\r\n")) {
            if (line.startsWith("expired_keys:")) {
                return Long.parseLong(line.substring("expired_keys:".length()).trim());
            }
        }
        throw new AssertionError("no expired_keys in " + info);
    }
}
