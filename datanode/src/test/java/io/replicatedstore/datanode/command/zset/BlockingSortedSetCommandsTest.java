package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.testing.BlockingClients;
import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** BZPOPMIN, BZPOPMAX and BZMPOP with real concurrent clients; every wait is bounded. */
class BlockingSortedSetCommandsTest {

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start().flushedBeforeEach();
    @RegisterExtension
    final BlockingClients clients = new BlockingClients(node);

    @Test
    void blockingPopsServeAtOnceFromTheFirstNonEmptyKey() {
        clients.control().call("ZADD", "z", "1", "a", "2", "b", "3", "c");
        RespClient c = clients.open();
        assertThat(c.call("BZPOPMIN", "nokey", "z", "0")).isEqualTo(List.of("z", "a", "1"));
        assertThat(c.call("BZPOPMAX", "z", "nokey", "0")).isEqualTo(List.of("z", "c", "3"));
        assertThat(c.call("BZMPOP", "0", "2", "nokey", "z", "MIN", "COUNT", "5"))
                .isEqualTo(List.of("z", List.of(List.of("b", "2"))));
        assertThat(clients.control().call("EXISTS", "z")).isEqualTo(0L);
    }

    @Test
    void anAddWakesTheBlockedClientWithKeyMemberAndScore() {
        RespClient c = clients.open();
        c.send("BZPOPMIN", "k1", "k2", "0");
        clients.awaitBlocked(1);
        assertThat(clients.control().call("ZADD", "k2", "2.5", "x", "1.1", "y")).isEqualTo(2L);
        assertThat(c.read()).isEqualTo(List.of("k2", "y", "1.1000000000000001"));
        assertThat(clients.control().call("ZRANGE", "k2", "0", "-1")).isEqualTo(List.of("x"));
        clients.awaitBlocked(0);
    }

    @Test
    void bzpopmaxTakesTheHighestScore() {
        RespClient c = clients.open();
        c.send("BZPOPMAX", "k", "5");
        clients.awaitBlocked(1);
        clients.control().call("ZADD", "k", "1", "low", "9", "high");
        assertThat(c.read()).isEqualTo(List.of("k", "high", "9"));
    }

    @Test
    void blockedClientsAreServedInTheOrderTheyBlocked() {
        RespClient first = clients.open();
        RespClient second = clients.open();
        RespClient third = clients.open();
        first.send("BZPOPMIN", "q", "0");
        clients.awaitBlocked(1);
        second.send("BZMPOP", "0", "1", "q", "MAX", "COUNT", "2");
        clients.awaitBlocked(2);
        third.send("BZPOPMIN", "q", "0");
        clients.awaitBlocked(3);
        clients.control().call("ZADD", "q", "1", "a", "2", "b", "3", "c");
        assertThat(first.read()).isEqualTo(List.of("q", "a", "1"));
        assertThat(second.read()).isEqualTo(List.of("q", List.of(List.of("c", "3"), List.of("b", "2"))));
        clients.awaitBlocked(1);
        assertThat(clients.control().call("EXISTS", "q")).isEqualTo(0L);
        clients.control().call("ZADD", "q", "4", "d");
        assertThat(third.read()).isEqualTo(List.of("q", "d", "4"));
        clients.awaitBlocked(0);
    }

    @Test
    void theClientIsServedFromTheKeyThatGotDataFirst() {
        RespClient c = clients.open();
        c.send("BZPOPMIN", "a", "b", "0");
        clients.awaitBlocked(1);
        clients.control().call("MULTI");
        clients.control().call("ZADD", "b", "1", "x");
        clients.control().call("ZADD", "a", "1", "y");
        clients.control().call("EXEC");
        assertThat(c.read()).isEqualTo(List.of("b", "x", "1"));
        assertThat(clients.control().call("ZRANGE", "a", "0", "-1")).isEqualTo(List.of("y"));
    }

    @Test
    void aKeyReplacedByAnotherTypeDoesNotWakeTheClient() {
        RespClient c = clients.open();
        c.send("BZMPOP", "0", "1", "k", "MIN");
        clients.awaitBlocked(1);
        clients.control().call("MULTI");
        clients.control().call("ZADD", "k", "1", "a");
        clients.control().call("DEL", "k");
        clients.control().call("SET", "k", "foo");
        assertThat(clients.control().call("EXEC")).isEqualTo(List.of(1L, 1L, "OK"));
        clients.awaitBlocked(1);
        clients.control().call("DEL", "k");
        clients.control().call("ZADD", "k", "2", "b");
        assertThat(c.read()).isEqualTo(List.of("k", List.of(List.of("b", "2"))));
    }

    @Test
    void aTimeoutRepliesWithANullArray() {
        RespClient c = clients.open();
        long start = System.nanoTime();
        assertThat(c.call("BZPOPMIN", "nokey", "0.1")).isNull();
        assertThat(c.call("BZMPOP", "0.1", "1", "nokey", "MIN")).isNull();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMs).isBetween(150L, 4000L);
        clients.awaitBlocked(0);
    }

    @Test
    void resp3BlockingRepliesCarryADoubleScore() {
        RespClient c = clients.open();
        c.call("HELLO", "3");
        c.send("BZPOPMIN", "r3", "0");
        clients.awaitBlocked(1);
        clients.control().call("ZADD", "r3", "0.1", "m");
        assertThat(c.read()).isEqualTo(List.of("r3", "m", 0.1));
        assertThat(c.call("BZPOPMIN", "nokey", "0.05")).isNull();
    }

    @Test
    void invalidTimeoutsAndWrongTypesFailWithoutBlocking() {
        RespClient c = clients.open();
        clients.control().call("SET", "str", "x");
        assertThat(c.call("BZPOPMIN", "k", "-1")).isEqualTo(new RespClient.Error("ERR timeout is negative"));
        assertThat(c.call("BZPOPMIN", "k", "abc"))
                .isEqualTo(new RespClient.Error("ERR timeout is not a float or out of range"));
        assertThat(c.call("BZPOPMAX", "nokey", "str", "0"))
                .isEqualTo(new RespClient.Error("WRONGTYPE Operation against a key holding the wrong kind of value"));
        assertThat(c.call("BZMPOP", "0", "0", "k", "MIN"))
                .isEqualTo(new RespClient.Error("ERR numkeys should be greater than 0"));
        assertThat(c.call("BZMPOP", "0", "1", "k", "MIN", "COUNT", "0"))
                .isEqualTo(new RespClient.Error("ERR count should be greater than 0"));
        clients.awaitBlocked(0);
    }

    @Test
    void insideMultiBlockingPopsAnswerAtOnce() {
        RespClient c = clients.open();
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
        RespClient c = clients.open();
        clients.control().call("ZADD", "w", "1", "a");
        assertThat(c.call("WATCH", "w")).isEqualTo("OK");
        clients.control().call("ZINCRBY", "w", "1", "a");
        c.call("MULTI");
        c.call("ZCARD", "w");
        assertThat(c.call("EXEC")).isNull();
        // A command that changes nothing leaves the watch intact.
        assertThat(c.call("WATCH", "w")).isEqualTo("OK");
        clients.control().call("ZADD", "w", "NX", "5", "a");
        clients.control().call("ZREM", "w", "nope");
        c.call("MULTI");
        c.call("ZCARD", "w");
        assertThat(c.call("EXEC")).isEqualTo(List.of(1L));
    }
}
