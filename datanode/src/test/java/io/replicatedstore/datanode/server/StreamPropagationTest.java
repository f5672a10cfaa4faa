package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.testing.ManualClock;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the stream commands propagate to replicas and the AOF, as Redis 7.0 rewrites them. */
class StreamPropagationTest {

    private static final long NOW = 1_700_000_000_000L;
    private static TestNode node;
    private static PropagationFixture.Capture capture;
    private RespClient c;

    @BeforeAll
    static void start() {
        node = TestNode.start(new ManualClock(NOW), "--stream-node-max-entries", "4");
        capture = PropagationFixture.attach(node);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void flush() {
        if (c != null) {
            c.close();
        }
        c = node.client();
        c.call("FLUSHALL");
        capture.take();
    }

    @Test
    void xaddWithAStarPropagatesTheIdItGot() {
        assertThat(c.call("XADD", "s", "*", "f", "v")).isEqualTo(NOW + "-0");
        assertThat(c.call("XADD", "s", "*", "f", "v")).isEqualTo(NOW + "-1");
        assertThat(c.call("XADD", "s", "7-*", "f", "v")).hasToString("-ERR The ID specified in XADD is equal or smaller than the target stream top item");
        assertThat(c.call("XADD", "s", NOW + 5 + "-*", "f", "v")).isEqualTo(NOW + 5 + "-0");
        assertThat(c.call("XADD", "s", NOW + 6 + "-3", "f", "v")).isEqualTo(NOW + 6 + "-3");
        assertThat(capture.take()).containsExactly(
                List.of("XADD", "s", NOW + "-0", "f", "v"),
                List.of("XADD", "s", NOW + "-1", "f", "v"),
                List.of("XADD", "s", NOW + 5 + "-0", "f", "v"),
                List.of("XADD", "s", NOW + 6 + "-3", "f", "v"));
    }

    @Test
    void approximateTrimsPropagateAsTheExactBoundReached() {
        for (int i = 1; i <= 10; i++) {
            c.call("XADD", "s", i + "-0", "f", "v");
        }
        capture.take();
        // Nodes of 4 entries: ~ 5 removes only the first node, leaving 7 (after the add).
        c.call("XADD", "s", "MAXLEN", "~", "5", "11-0", "f", "v");
        assertThat(c.call("XLEN", "s")).isEqualTo(7L);
        assertThat(c.call("XTRIM", "s", "MINID", "~", "10", "LIMIT", "100")).isEqualTo(4L);
        assertThat(capture.take()).containsExactly(
                List.of("XADD", "s", "MAXLEN", "=", "7", "11-0", "f", "v"),
                List.of("XTRIM", "s", "MINID", "=", "9-0", "LIMIT", "100"));
    }

    @Test
    void exactTrimsAndDeletesPropagateAsSentAndNothingWhenNothingChanged() {
        for (int i = 1; i <= 3; i++) {
            c.call("XADD", "s", i + "-0", "f", "v");
        }
        capture.take();
        c.call("XTRIM", "s", "MAXLEN", "5");
        c.call("XDEL", "s", "9-9");
        c.call("XTRIM", "s", "MAXLEN", "=", "2");
        c.call("XDEL", "s", "3-0", "9-9");
        c.call("XSETID", "s", "10-0");
        c.call("XADD", "nokey", "NOMKSTREAM", "*", "f", "v");
        assertThat(capture.take()).containsExactly(
                List.of("XTRIM", "s", "MAXLEN", "=", "2"),
                List.of("XDEL", "s", "3-0", "9-9"),
                List.of("XSETID", "s", "10-0"));
    }

    @Test
    void aClientOtherThanTheMasterOrTheAofMayNotUseLimitWithAnExactBound() {
        c.call("XADD", "s", "1-0", "f", "v");
        assertThat(c.call("XTRIM", "s", "MAXLEN", "=", "0", "LIMIT", "5"))
                .hasToString("-ERR syntax error, LIMIT cannot be used without the special ~ option");
    }
}
