package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.testing.BlockingClients;
import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP with real concurrent connections. */
class BlockingListCommandsTest {

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start().flushedBeforeEach();
    @RegisterExtension
    final BlockingClients clients = new BlockingClients(node);

    @Test
    void blockingPopsServeAtOnceWhenAListHasData() {
        clients.control().call("RPUSH", "b", "1", "2", "3");
        RespClient c = clients.open();
        assertThat(c.call("BLPOP", "nokey", "b", "0")).isEqualTo(List.of("b", "1"));
        assertThat(c.call("BRPOP", "b", "nokey", "0")).isEqualTo(List.of("b", "3"));
        assertThat(c.call("BLMPOP", "0", "2", "nokey", "b", "LEFT", "COUNT", "5")).isEqualTo(List.of("b", List.of("2")));
        assertThat(clients.control().call("EXISTS", "b")).isEqualTo(0L);
    }

    @Test
    void aPushWakesTheBlockedClientWithTheKeyAndElement() {
        RespClient c = clients.open();
        c.send("BLPOP", "k1", "k2", "0");
        clients.awaitBlocked(1);
        assertThat(clients.control().call("RPUSH", "k2", "x", "y")).isEqualTo(2L);
        assertThat(c.read()).isEqualTo(List.of("k2", "x"));
        assertThat(clients.control().call("LRANGE", "k2", "0", "-1")).isEqualTo(List.of("y"));
        clients.awaitBlocked(0);
    }

    @Test
    void brpopTakesFromTheTail() {
        RespClient c = clients.open();
        c.send("BRPOP", "k", "0");
        clients.awaitBlocked(1);
        clients.control().call("RPUSH", "k", "a", "b", "c");
        assertThat(c.read()).isEqualTo(List.of("k", "c"));
    }

    @Test
    void clientsAreServedInTheOrderTheyBlocked() {
        RespClient first = clients.open();
        RespClient second = clients.open();
        RespClient third = clients.open();
        first.send("BLPOP", "k", "0");
        clients.awaitBlocked(1);
        second.send("BLPOP", "k", "0");
        clients.awaitBlocked(2);
        third.send("BLPOP", "other", "k", "0");
        clients.awaitBlocked(3);
        clients.control().call("RPUSH", "k", "a", "b");
        assertThat(first.read()).isEqualTo(List.of("k", "a"));
        assertThat(second.read()).isEqualTo(List.of("k", "b"));
        clients.awaitBlocked(1);
        clients.control().call("LPUSH", "k", "c");
        assertThat(third.read()).isEqualTo(List.of("k", "c"));
    }

    @Test
    void fractionalTimeoutsAnswerANullArray() {
        RespClient c = clients.open();
        long start = System.nanoTime();
        assertThat(c.call("BLPOP", "nokey", "0.2")).isNull();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMs).isBetween(150L, 3000L);
        assertThat(c.call("BLMOVE", "nokey", "dst", "LEFT", "LEFT", "0.01")).isNull();
        assertThat(c.call("BRPOPLPUSH", "nokey", "dst", "0.01")).isNull();
        assertThat(c.call("BLMPOP", "0.01", "1", "nokey", "LEFT")).isNull();
        assertThat(c.call("BLPOP", "nokey", "1e-400")).isNull(); // rounds up to 1 ms, not 0 (forever)
        assertThat(c.call("PING")).isEqualTo("PONG");
        clients.awaitBlocked(0);
    }

    @Test
    void timeoutsAreValidatedBeforeAnythingElse() {
        RespClient c = clients.open();
        clients.control().call("SET", "str", "v");
        assertThat(c.call("BLPOP", "str", "-1")).isEqualTo(new RespClient.Error("ERR timeout is negative"));
        assertThat(c.call("BLPOP", "k", "abc")).isEqualTo(new RespClient.Error("ERR timeout is not a float or out of range"));
        assertThat(c.call("BLPOP", "k", "nan")).isEqualTo(new RespClient.Error("ERR timeout is not a float or out of range"));
        assertThat(c.call("BLPOP", "k", "inf")).isEqualTo(new RespClient.Error("ERR timeout is negative"));
        assertThat(c.call("BLPOP", "k", "1e300")).isEqualTo(new RespClient.Error("ERR timeout is negative"));
        // Timeouts are long doubles: 1e500 fits (and overflows the milliseconds), 1e5000 does not.
        assertThat(c.call("BLPOP", "k", "1e500")).isEqualTo(new RespClient.Error("ERR timeout is negative"));
        assertThat(c.call("BLPOP", "k", "1e5000"))
                .isEqualTo(new RespClient.Error("ERR timeout is not a float or out of range"));
        assertThat(c.call("BRPOPLPUSH", "k", "d", "-0.5")).isEqualTo(new RespClient.Error("ERR timeout is negative"));
        assertThat(c.call("BLMOVE", "k", "d", "LEFT", "UP", "-1")).isEqualTo(new RespClient.Error("ERR syntax error"));
        assertThat(c.call("BLPOP", "str", "0")).isEqualTo(
                new RespClient.Error("WRONGTYPE Operation against a key holding the wrong kind of value"));
    }

    @Test
    void blmoveIntoAListAnotherClientWaitsOnWakesBothInChain() {
        RespClient popper = clients.open();
        RespClient mover = clients.open();
        popper.send("BLPOP", "dst", "0");
        clients.awaitBlocked(1);
        mover.send("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
        clients.awaitBlocked(2);
        clients.control().call("RPUSH", "src", "v");
        assertThat(mover.read()).isEqualTo("v");
        assertThat(popper.read()).isEqualTo(List.of("dst", "v"));
        assertThat(clients.control().call("EXISTS", "src", "dst")).isEqualTo(0L);
    }

    @Test
    void brpoplpushWakesAndPushesOntoTheDestination() {
        RespClient c = clients.open();
        c.send("BRPOPLPUSH", "src", "dst", "0");
        clients.awaitBlocked(1);
        clients.control().call("RPUSH", "src", "a", "b");
        assertThat(c.read()).isEqualTo("b");
        assertThat(clients.control().call("LRANGE", "dst", "0", "-1")).isEqualTo(List.of("b"));
        assertThat(clients.control().call("LRANGE", "src", "0", "-1")).isEqualTo(List.of("a"));
    }

    @Test
    void blmoveWokenIntoADestinationOfAnotherTypeGetsWrongtype() {
        clients.control().call("SET", "dst", "string");
        RespClient c = clients.open();
        c.send("BLMOVE", "src", "dst", "LEFT", "LEFT", "0");
        clients.awaitBlocked(1);
        clients.control().call("RPUSH", "src", "a");
        assertThat(c.read()).isEqualTo(
                new RespClient.Error("WRONGTYPE Operation against a key holding the wrong kind of value"));
        assertThat(clients.control().call("LRANGE", "src", "0", "-1")).isEqualTo(List.of("a"));
        clients.awaitBlocked(0);
    }

    @Test
    void blmpopWakesWithUpToCountElements() {
        RespClient c = clients.open();
        c.send("BLMPOP", "0", "2", "x1", "x2", "RIGHT", "COUNT", "2");
        clients.awaitBlocked(1);
        clients.control().call("RPUSH", "x2", "a", "b", "c");
        assertThat(c.read()).isEqualTo(List.of("x2", List.of("c", "b")));
    }

    @Test
    void aClientDisconnectingWhileBlockedIsForgotten() {
        RespClient leaving = node.client();
        leaving.send("BLPOP", "k", "0");
        clients.awaitBlocked(1);
        RespClient staying = clients.open();
        staying.send("BLPOP", "k", "0");
        clients.awaitBlocked(2);
        leaving.close();
        clients.awaitBlocked(1);
        clients.control().call("RPUSH", "k", "a");
        assertThat(staying.read()).isEqualTo(List.of("k", "a"));
        clients.awaitBlocked(0);
    }

    @Test
    void pipelinedCommandsOfABlockedClientRunOnlyAfterItIsServed() {
        RespClient c = clients.open();
        c.sendRaw("*3\r\n$5\r\nBLPOP\r\n$1\r\nk\r\n$1\r\n0\r\n*1\r\n$4\r\nPING\r\n*3\r\n$5\r\nLPUSH\r\n$1\r\nk\r\n$2\r\nzz\r\n");
        clients.awaitBlocked(1);
        assertThat(clients.control().call("LLEN", "k")).isEqualTo(0L);
        clients.control().call("RPUSH", "k", "a");
        assertThat(c.read()).isEqualTo(List.of("k", "a"));
        assertThat(c.read()).isEqualTo("PONG");
        assertThat(c.read()).isEqualTo(1L);
        assertThat(clients.control().call("LRANGE", "k", "0", "-1")).isEqualTo(List.of("zz"));
    }

    @Test
    void aServedClientsPipelinedCommandsDoNotOvertakeOtherWaiters() {
        RespClient first = clients.open();
        RespClient second = clients.open();
        first.sendRaw("*3\r\n$5\r\nBLPOP\r\n$1\r\nk\r\n$1\r\n0\r\n*2\r\n$4\r\nLPOP\r\n$1\r\nk\r\n");
        clients.awaitBlocked(1);
        second.send("BLPOP", "k", "0");
        clients.awaitBlocked(2);
        clients.control().call("RPUSH", "k", "a", "b");
        assertThat(first.read()).isEqualTo(List.of("k", "a"));
        assertThat(first.read()).isNull();
        assertThat(second.read()).isEqualTo(List.of("k", "b"));
    }

    @Test
    void aKeyReplacedByAnotherTypeDoesNotWakeTheClient() {
        RespClient c = clients.open();
        c.send("BLPOP", "k", "0");
        clients.awaitBlocked(1);
        clients.control().call("MULTI");
        clients.control().call("LPUSH", "k", "a");
        clients.control().call("DEL", "k");
        clients.control().call("SET", "k", "foo");
        assertThat(clients.control().call("EXEC")).isEqualTo(List.of(1L, 1L, "OK"));
        clients.awaitBlocked(1);
        clients.control().call("DEL", "k");
        clients.control().call("LPUSH", "k", "b");
        assertThat(c.read()).isEqualTo(List.of("k", "b"));
    }

    @Test
    void aPushAndPopInOneTransactionDoesNotWakeTheClient() {
        RespClient c = clients.open();
        c.send("BLPOP", "k", "0");
        clients.awaitBlocked(1);
        clients.control().call("MULTI");
        clients.control().call("RPUSH", "k", "a");
        clients.control().call("LPOP", "k");
        clients.control().call("EXEC");
        clients.awaitBlocked(1);
        clients.control().call("RPUSH", "k", "b");
        assertThat(c.read()).isEqualTo(List.of("k", "b"));
    }

    @Test
    void theClientIsServedFromTheKeyThatGotDataFirst() {
        RespClient c = clients.open();
        c.send("BLPOP", "a", "b", "0");
        clients.awaitBlocked(1);
        clients.control().call("MULTI");
        clients.control().call("RPUSH", "b", "x");
        clients.control().call("RPUSH", "a", "y");
        clients.control().call("EXEC");
        assertThat(c.read()).isEqualTo(List.of("b", "x"));
        assertThat(clients.control().call("LRANGE", "a", "0", "-1")).isEqualTo(List.of("y"));
    }

    @Test
    void blockingOnTheSameKeyTwiceWorks() {
        RespClient c = clients.open();
        c.send("BLPOP", "k", "k", "0");
        clients.awaitBlocked(1);
        clients.control().call("RPUSH", "k", "a");
        assertThat(c.read()).isEqualTo(List.of("k", "a"));
        clients.awaitBlocked(0);
        RespClient other = clients.open();
        other.send("BLPOP", "k", "0");
        clients.awaitBlocked(1);
        clients.control().call("RPUSH", "k", "b");
        assertThat(other.read()).isEqualTo(List.of("k", "b"));
    }

    @Test
    void aListClientIsServedEvenWhenASortedSetClientBlockedFirst() {
        RespClient zset = clients.open();
        RespClient list = clients.open();
        zset.send("BZPOPMIN", "k", "0");
        clients.awaitBlocked(1);
        list.send("BLPOP", "k", "0");
        clients.awaitBlocked(2);
        clients.control().call("RPUSH", "k", "l");
        assertThat(list.read()).isEqualTo(List.of("k", "l"));
        clients.awaitBlocked(1);
        clients.control().call("ZADD", "k", "1", "m");
        assertThat(zset.read()).isEqualTo(List.of("k", "m", "1"));
    }

    @Test
    void clientsWaitInTheirOwnDatabase() {
        RespClient c = clients.open();
        c.call("SELECT", "1");
        c.send("BLPOP", "k", "0");
        clients.awaitBlocked(1);
        clients.control().call("RPUSH", "k", "db0");
        clients.control().call("SELECT", "1");
        clients.control().call("RPUSH", "k", "db1");
        assertThat(c.read()).isEqualTo(List.of("k", "db1"));
        clients.control().call("SELECT", "0");
        assertThat(clients.control().call("LRANGE", "k", "0", "-1")).isEqualTo(List.of("db0"));
    }

    @Test
    void insideMultiBlockingCommandsAnswerAtOnce() {
        RespClient c = clients.open();
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
        RespClient c = clients.open();
        c.call("HELLO", "3");
        assertThat(c.call("BLPOP", "nokey", "0.01")).isNull();
        c.send("BLPOP", "k", "0");
        clients.awaitBlocked(1);
        clients.control().call("RPUSH", "k", "v");
        assertThat(c.read()).isEqualTo(List.of("k", "v"));
    }

    @Test
    void lmoveRotatingAListAClientWaitsOnWakesIt() {
        RespClient c = clients.open();
        c.send("BRPOPLPUSH", "rot", "rot", "0");
        clients.awaitBlocked(1);
        clients.control().call("RPUSH", "rot", "a");
        assertThat(c.read()).isEqualTo("a");
        assertThat(clients.control().call("LRANGE", "rot", "0", "-1")).isEqualTo(List.of("a"));
    }
}
