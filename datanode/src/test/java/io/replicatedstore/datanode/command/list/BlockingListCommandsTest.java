package io.replicatedstore.datanode.command.list;

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

/** BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP with real concurrent connections. */
class BlockingListCommandsTest {

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
    void blockingPopsServeAtOnceWhenAListHasData() {
        control.call("RPUSH", "b", "1", "2", "3");
        RespClient c = client();
        assertThat(c.call("BLPOP", "nokey", "b", "0")).isEqualTo(List.of("b", "1"));
        assertThat(c.call("BRPOP", "b", "nokey", "0")).isEqualTo(List.of("b", "3"));
        assertThat(c.call("BLMPOP", "0", "2", "nokey", "b", "LEFT", "COUNT", "5")).isEqualTo(List.of("b", List.of("2")));
        assertThat(control.call("EXISTS", "b")).isEqualTo(0L);
    }

    @Test
    void aPushWakesTheBlockedClientWithTheKeyAndElement() {
        RespClient c = client();
        c.send("BLPOP", "k1", "k2", "0");
        awaitBlocked(1);
        assertThat(control.call("RPUSH", "k2", "x", "y")).isEqualTo(2L);
        assertThat(c.read()).isEqualTo(List.of("k2", "x"));
        assertThat(control.call("LRANGE", "k2", "0", "-1")).isEqualTo(List.of("y"));
        awaitBlocked(0);
    }

    @Test
    void brpopTakesFromTheTail() {
        RespClient c = client();
        c.send("BRPOP", "k", "0");
        awaitBlocked(1);
        control.call("RPUSH", "k", "a", "b", "c");
        assertThat(c.read()).isEqualTo(List.of("k", "c"));
    }

    @Test
    void clientsAreServedInTheOrderTheyBlocked() {
        RespClient first = client();
        RespClient second = client();
        RespClient third = client();
        first.send("BLPOP", "k", "0");
        awaitBlocked(1);
        second.send("BLPOP", "k", "0");
        awaitBlocked(2);
        third.send("BLPOP", "other", "k", "0");
        awaitBlocked(3);
        control.call("RPUSH", "k", "a", "b");
        assertThat(first.read()).isEqualTo(List.of("k", "a"));
        assertThat(second.read()).isEqualTo(List.of("k", "b"));
        awaitBlocked(1);
        control.call("LPUSH", "k", "c");
        assertThat(third.read()).isEqualTo(List.of("k", "c"));
    }

    @Test
    void fractionalTimeoutsAnswerANullArray() {
        RespClient c = client();
        long start = System.nanoTime();
        assertThat(c.call("BLPOP", "nokey", "0.2")).isNull();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMs).isBetween(150L, 3000L);
        assertThat(c.call("BLMOVE", "nokey", "dst", "LEFT", "LEFT", "0.01")).isNull();
        assertThat(c.call("BRPOPLPUSH", "nokey", "dst", "0.01")).isNull();
        assertThat(c.call("BLMPOP", "0.01", "1", "nokey", "LEFT")).isNull();
        assertThat(c.call("PING")).isEqualTo("PONG");
        awaitBlocked(0);
    }

    @Test
    void timeoutsAreValidatedBeforeAnythingElse() {
        RespClient c = client();
        control.call("SET", "str", "v");
        assertThat(c.call("BLPOP", "str", "-1")).isEqualTo(new RespClient.Error("ERR timeout is negative"));
        assertThat(c.call("BLPOP", "k", "abc")).isEqualTo(new RespClient.Error("ERR timeout is not a float or out of range"));
        assertThat(c.call("BLPOP", "k", "nan")).isEqualTo(new RespClient.Error("ERR timeout is not a float or out of range"));
        assertThat(c.call("BLPOP", "k", "inf")).isEqualTo(new RespClient.Error("ERR timeout is negative"));
        assertThat(c.call("BLPOP", "k", "1e300")).isEqualTo(new RespClient.Error("ERR timeout is negative"));
        assertThat(c.call("BRPOPLPUSH", "k", "d", "-0.5")).isEqualTo(new RespClient.Error("ERR timeout is negative"));
        assertThat(c.call("BLMOVE", "k", "d", "LEFT", "UP", "-1")).isEqualTo(new RespClient.Error("ERR syntax error"));
        assertThat(c.call("BLPOP", "str", "0")).isEqualTo(
                new RespClient.Error("WRONGTYPE Operation against a key holding the wrong kind of value"));
    }

    @Test
    void blmoveIntoAListAnotherClientWaitsOnWakesBothInChain() {
        RespClient popper = client();
        RespClient mover = client();
        popper.send("BLPOP", "dst", "0");
        awaitBlocked(1);
        mover.send("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
        awaitBlocked(2);
        control.call("RPUSH", "src", "v");
        assertThat(mover.read()).isEqualTo("v");
        assertThat(popper.read()).isEqualTo(List.of("dst", "v"));
        assertThat(control.call("EXISTS", "src", "dst")).isEqualTo(0L);
    }

    @Test
    void brpoplpushWakesAndPushesOntoTheDestination() {
        RespClient c = client();
        c.send("BRPOPLPUSH", "src", "dst", "0");
        awaitBlocked(1);
        control.call("RPUSH", "src", "a", "b");
        assertThat(c.read()).isEqualTo("b");
        assertThat(control.call("LRANGE", "dst", "0", "-1")).isEqualTo(List.of("b"));
        assertThat(control.call("LRANGE", "src", "0", "-1")).isEqualTo(List.of("a"));
    }

    @Test
    void blmoveWokenIntoADestinationOfAnotherTypeGetsWrongtype() {
        control.call("SET", "dst", "string");
        RespClient c = client();
        c.send("BLMOVE", "src", "dst", "LEFT", "LEFT", "0");
        awaitBlocked(1);
        control.call("RPUSH", "src", "a");
        assertThat(c.read()).isEqualTo(
                new RespClient.Error("WRONGTYPE Operation against a key holding the wrong kind of value"));
        assertThat(control.call("LRANGE", "src", "0", "-1")).isEqualTo(List.of("a"));
        awaitBlocked(0);
    }

    @Test
    void blmpopWakesWithUpToCountElements() {
        RespClient c = client();
        c.send("BLMPOP", "0", "2", "x1", "x2", "RIGHT", "COUNT", "2");
        awaitBlocked(1);
        control.call("RPUSH", "x2", "a", "b", "c");
        assertThat(c.read()).isEqualTo(List.of("x2", List.of("c", "b")));
    }

    @Test
    void aClientDisconnectingWhileBlockedIsForgotten() {
        RespClient leaving = node.client();
        leaving.send("BLPOP", "k", "0");
        awaitBlocked(1);
        RespClient staying = client();
        staying.send("BLPOP", "k", "0");
        awaitBlocked(2);
        leaving.close();
        awaitBlocked(1);
        control.call("RPUSH", "k", "a");
        assertThat(staying.read()).isEqualTo(List.of("k", "a"));
        awaitBlocked(0);
    }

    @Test
    void pipelinedCommandsOfABlockedClientRunOnlyAfterItIsServed() {
        RespClient c = client();
        c.sendRaw("*3\r\n$5\r\nBLPOP\r\n$1\r\nk\r\n$1\r\n0\r\n*1\r\n$4\r\nPING\r\n*3\r\n$5\r\nLPUSH\r\n$1\r\nk\r\n$2\r\nzz\r\n");
        awaitBlocked(1);
        assertThat(control.call("LLEN", "k")).isEqualTo(0L);
        control.call("RPUSH", "k", "a");
        assertThat(c.read()).isEqualTo(List.of("k", "a"));
        assertThat(c.read()).isEqualTo("PONG");
        assertThat(c.read()).isEqualTo(1L);
        assertThat(control.call("LRANGE", "k", "0", "-1")).isEqualTo(List.of("zz"));
    }

    @Test
    void aServedClientsPipelinedCommandsDoNotOvertakeOtherWaiters() {
        RespClient first = client();
        RespClient second = client();
        first.sendRaw("*3\r\n$5\r\nBLPOP\r\n$1\r\nk\r\n$1\r\n0\r\n*2\r\n$4\r\nLPOP\r\n$1\r\nk\r\n");
        awaitBlocked(1);
        second.send("BLPOP", "k", "0");
        awaitBlocked(2);
        control.call("RPUSH", "k", "a", "b");
        assertThat(first.read()).isEqualTo(List.of("k", "a"));
        assertThat(first.read()).isNull();
        assertThat(second.read()).isEqualTo(List.of("k", "b"));
    }

    @Test
    void aKeyReplacedByAnotherTypeDoesNotWakeTheClient() {
        RespClient c = client();
        c.send("BLPOP", "k", "0");
        awaitBlocked(1);
        control.call("MULTI");
        control.call("LPUSH", "k", "a");
        control.call("DEL", "k");
        control.call("SET", "k", "foo");
        assertThat(control.call("EXEC")).isEqualTo(List.of(1L, 1L, "OK"));
        awaitBlocked(1);
        control.call("DEL", "k");
        control.call("LPUSH", "k", "b");
        assertThat(c.read()).isEqualTo(List.of("k", "b"));
    }

    @Test
    void aPushAndPopInOneTransactionDoesNotWakeTheClient() {
        RespClient c = client();
        c.send("BLPOP", "k", "0");
        awaitBlocked(1);
        control.call("MULTI");
        control.call("RPUSH", "k", "a");
        control.call("LPOP", "k");
        control.call("EXEC");
        awaitBlocked(1);
        control.call("RPUSH", "k", "b");
        assertThat(c.read()).isEqualTo(List.of("k", "b"));
    }

    @Test
    void theClientIsServedFromTheKeyThatGotDataFirst() {
        RespClient c = client();
        c.send("BLPOP", "a", "b", "0");
        awaitBlocked(1);
        control.call("MULTI");
        control.call("RPUSH", "b", "x");
        control.call("RPUSH", "a", "y");
        control.call("EXEC");
        assertThat(c.read()).isEqualTo(List.of("b", "x"));
        assertThat(control.call("LRANGE", "a", "0", "-1")).isEqualTo(List.of("y"));
    }

    @Test
    void blockingOnTheSameKeyTwiceWorks() {
        RespClient c = client();
        c.send("BLPOP", "k", "k", "0");
        awaitBlocked(1);
        control.call("RPUSH", "k", "a");
        assertThat(c.read()).isEqualTo(List.of("k", "a"));
        awaitBlocked(0);
        RespClient other = client();
        other.send("BLPOP", "k", "0");
        awaitBlocked(1);
        control.call("RPUSH", "k", "b");
        assertThat(other.read()).isEqualTo(List.of("k", "b"));
    }

    @Test
    void aListClientIsServedEvenWhenASortedSetClientBlockedFirst() {
        RespClient zset = client();
        RespClient list = client();
        zset.send("BZPOPMIN", "k", "0");
        awaitBlocked(1);
        list.send("BLPOP", "k", "0");
        awaitBlocked(2);
        control.call("RPUSH", "k", "l");
        assertThat(list.read()).isEqualTo(List.of("k", "l"));
        awaitBlocked(1);
        control.call("ZADD", "k", "1", "m");
        assertThat(zset.read()).isEqualTo(List.of("k", "m", "1"));
    }

    @Test
    void clientsWaitInTheirOwnDatabase() {
        RespClient c = client();
        c.call("SELECT", "1");
        c.send("BLPOP", "k", "0");
        awaitBlocked(1);
        control.call("RPUSH", "k", "db0");
        control.call("SELECT", "1");
        control.call("RPUSH", "k", "db1");
        assertThat(c.read()).isEqualTo(List.of("k", "db1"));
        control.call("SELECT", "0");
        assertThat(control.call("LRANGE", "k", "0", "-1")).isEqualTo(List.of("db0"));
    }

    @Test
    void insideMultiBlockingCommandsAnswerAtOnce() {
        RespClient c = client();
        c.call("MULTI");
        c.call("BLPOP", "nokey", "0");
        c.call("BLMOVE", "nokey", "dst", "LEFT", "LEFT", "0");
        c.call("BRPOPLPUSH", "nokey", "dst", "0");
        c.call("BLMPOP", "0", "1", "nokey", "LEFT");
        assertThat(c.call("EXEC")).isEqualTo(java.util.Arrays.asList(null, null, null, null));
        assertThat(c.call("PING")).isEqualTo("PONG");
    }

    @Test
    void resp3ClientsGetNullOnTimeoutAndArraysWhenServed() {
        RespClient c = client();
        c.call("HELLO", "3");
        assertThat(c.call("BLPOP", "nokey", "0.01")).isNull();
        c.send("BLPOP", "k", "0");
        awaitBlocked(1);
        control.call("RPUSH", "k", "v");
        assertThat(c.read()).isEqualTo(List.of("k", "v"));
    }

    @Test
    void lmoveRotatingAListAClientWaitsOnWakesIt() {
        RespClient c = client();
        c.send("BRPOPLPUSH", "rot", "rot", "0");
        awaitBlocked(1);
        control.call("RPUSH", "rot", "a");
        assertThat(c.read()).isEqualTo("a");
        assertThat(control.call("LRANGE", "rot", "0", "-1")).isEqualTo(List.of("a"));
    }
}
