package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** BZPOPMIN, BZPOPMAX and BZMPOP with real concurrent clients; every wait is bounded. */
class BlockingSortedSetCommandsTest {

    private static final Pattern BLOCKED = Pattern.compile("blocked_clients:(\\d+)");

    private static TestNode node;
    private RespClient control;
    private final List<RespClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void connect() {
        control = node.client();
        control.call("FLUSHALL");
        awaitBlocked(0);
    }

    @AfterEach
    void disconnect() {
        clients.forEach(RespClient::close);
        control.close();
    }

    private RespClient client() {
        RespClient client = node.client();
        client.timeout(5000);
        clients.add(client);
        return client;
    }

    /** Waits (bounded) until the server counts {@code n} blocked clients. */
    private void awaitBlocked(int n) {
        long deadline = System.currentTimeMillis() + 5000;
        int blocked = -1;
        while (System.currentTimeMillis() < deadline) {
            Matcher m = BLOCKED.matcher(String.valueOf(control.call("INFO", "clients")));
            if (m.find()) {
                blocked = Integer.parseInt(m.group(1));
                if (blocked == n) {
                    return;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        fail("expected " + n + " blocked clients, saw " + blocked);
    }

    @Test
    void blockingPopsServeAtOnceFromTheFirstNonEmptyKey() {
        control.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
        RespClient c = client();
        assertThat(c.call("BZPOPMIN", "nokey", "z", "0")).isEqualTo(List.of("z", "a", "1"));
        assertThat(c.call("BZPOPMAX", "z", "nokey", "0")).isEqualTo(List.of("z", "c", "3"));
        assertThat(c.call("BZMPOP", "0", "2", "nokey", "z", "MIN", "COUNT", "5"))
                .isEqualTo(List.of("z", List.of(List.of("b", "2"))));
        assertThat(control.call("EXISTS", "z")).isEqualTo(0L);
    }

    @Test
    void anAddWakesTheBlockedClientWithKeyMemberAndScore() {
        RespClient c = client();
        c.send("BZPOPMIN", "k1", "k2", "0");
        awaitBlocked(1);
        assertThat(control.call("ZADD", "k2", "2.5", "x", "1.1", "y")).isEqualTo(2L);
        assertThat(c.read()).isEqualTo(List.of("k2", "y", "1.1000000000000001"));
        assertThat(control.call("ZRANGE", "k2", "0", "-1")).isEqualTo(List.of("x"));
        awaitBlocked(0);
    }

    @Test
    void bzpopmaxTakesTheHighestScore() {
        RespClient c = client();
        c.send("BZPOPMAX", "k", "5");
        awaitBlocked(1);
        control.call("ZADD", "k", "1", "low", "9", "high");
        assertThat(c.read()).isEqualTo(List.of("k", "high", "9"));
    }

    @Test
    void blockedClientsAreServedInTheOrderTheyBlocked() {
        RespClient first = client();
        RespClient second = client();
        RespClient third = client();
        first.send("BZPOPMIN", "q", "0");
        awaitBlocked(1);
        second.send("BZMPOP", "0", "1", "q", "MAX", "COUNT", "2");
        awaitBlocked(2);
        third.send("BZPOPMIN", "q", "0");
        awaitBlocked(3);
        control.call("ZADD", "q", "1", "a", "2", "b", "3", "c");
        assertThat(first.read()).isEqualTo(List.of("q", "a", "1"));
        assertThat(second.read()).isEqualTo(List.of("q", List.of(List.of("c", "3"), List.of("b", "2"))));
        awaitBlocked(1);
        assertThat(control.call("EXISTS", "q")).isEqualTo(0L);
        control.call("ZADD", "q", "4", "d");
        assertThat(third.read()).isEqualTo(List.of("q", "d", "4"));
        awaitBlocked(0);
    }

    @Test
    void theClientIsServedFromTheKeyThatGotDataFirst() {
        RespClient c = client();
        c.send("BZPOPMIN", "a", "b", "0");
        awaitBlocked(1);
        control.call("MULTI");
        control.call("ZADD", "b", "1", "x");
        control.call("ZADD", "a", "1", "y");
        control.call("EXEC");
        assertThat(c.read()).isEqualTo(List.of("b", "x", "1"));
        assertThat(control.call("ZRANGE", "a", "0", "-1")).isEqualTo(List.of("y"));
    }

    @Test
    void aKeyReplacedByAnotherTypeDoesNotWakeTheClient() {
        RespClient c = client();
        c.send("BZMPOP", "0", "1", "k", "MIN");
        awaitBlocked(1);
        control.call("MULTI");
        control.call("ZADD", "k", "1", "a");
        control.call("DEL", "k");
        control.call("SET", "k", "foo");
        assertThat(control.call("EXEC")).isEqualTo(List.of(1L, 1L, "OK"));
        awaitBlocked(1);
        control.call("DEL", "k");
        control.call("ZADD", "k", "2", "b");
        assertThat(c.read()).isEqualTo(List.of("k", List.of(List.of("b", "2"))));
    }

    @Test
    void aTimeoutRepliesWithANullArray() {
        RespClient c = client();
        long start = System.nanoTime();
        assertThat(c.call("BZPOPMIN", "nokey", "0.1")).isNull();
        assertThat(c.call("BZMPOP", "0.1", "1", "nokey", "MIN")).isNull();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMs).isBetween(150L, 4000L);
        awaitBlocked(0);
    }

    @Test
    void resp3BlockingRepliesCarryADoubleScore() {
        RespClient c = client();
        c.call("HELLO", "3");
        c.send("BZPOPMIN", "r3", "0");
        awaitBlocked(1);
        control.call("ZADD", "r3", "0.1", "m");
        assertThat(c.read()).isEqualTo(List.of("r3", "m", 0.1));
        assertThat(c.call("BZPOPMIN", "nokey", "0.05")).isNull();
    }

    @Test
    void invalidTimeoutsAndWrongTypesFailWithoutBlocking() {
        RespClient c = client();
        control.call("SET", "str", "x");
        assertThat(c.call("BZPOPMIN", "k", "-1")).isEqualTo(new RespClient.Error("ERR timeout is negative"));
        assertThat(c.call("BZPOPMIN", "k", "abc"))
                .isEqualTo(new RespClient.Error("ERR timeout is not a float or out of range"));
        assertThat(c.call("BZPOPMAX", "nokey", "str", "0"))
                .isEqualTo(new RespClient.Error("WRONGTYPE Operation against a key holding the wrong kind of value"));
        assertThat(c.call("BZMPOP", "0", "0", "k", "MIN"))
                .isEqualTo(new RespClient.Error("ERR numkeys should be greater than 0"));
        assertThat(c.call("BZMPOP", "0", "1", "k", "MIN", "COUNT", "0"))
                .isEqualTo(new RespClient.Error("ERR count should be greater than 0"));
        awaitBlocked(0);
    }

    @Test
    void insideMultiBlockingPopsAnswerAtOnce() {
        RespClient c = client();
        assertThat(c.call("MULTI")).isEqualTo("OK");
        assertThat(c.call("BZPOPMIN", "nokey", "0")).isEqualTo("QUEUED");
        assertThat(c.call("BZMPOP", "0", "1", "nokey", "MIN")).isEqualTo("QUEUED");
        assertThat(c.call("ZADD", "m", "1", "a")).isEqualTo("QUEUED");
        assertThat(c.call("BZPOPMAX", "m", "0")).isEqualTo("QUEUED");
        List<Object> results = new ArrayList<>();
        results.add(null);
        results.add(null);
        results.add(1L);
        results.add(List.of("m", "a", "1"));
        assertThat(c.call("EXEC")).isEqualTo(results);
    }

    @Test
    void aZaddOnAWatchedKeyAbortsTheTransaction() {
        RespClient c = client();
        control.call("ZADD", "w", "1", "a");
        assertThat(c.call("WATCH", "w")).isEqualTo("OK");
        control.call("ZINCRBY", "w", "1", "a");
        c.call("MULTI");
        c.call("ZCARD", "w");
        assertThat(c.call("EXEC")).isNull();
        // A command that changes nothing leaves the watch intact.
        assertThat(c.call("WATCH", "w")).isEqualTo("OK");
        control.call("ZADD", "w", "NX", "5", "a");
        control.call("ZREM", "w", "nope");
        c.call("MULTI");
        c.call("ZCARD", "w");
        assertThat(c.call("EXEC")).isEqualTo(List.of(1L));
    }
}
