package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.resp.PropagationEncoder;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact argv each rewriting command propagates, as Redis 7.0 does. */
class PropagationTest {

    private static TestNode node;
    private static PropagationFixture.Capture capture;
    private RespClient c;

    @BeforeAll
    static void start() {
        node = TestNode.start();
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

    private List<List<String>> stream() {
        return capture.take();
    }

    private static List<String> cmd(String... argv) {
        return List.of(argv);
    }

    @Test
    void publishGoesToReplicasButNotToTheAof() throws Exception {
        PropagationFixture.Capture replicas = new PropagationFixture.Capture() {
            @Override
            public boolean isReplication() {
                return true;
            }
        };
        Server server = node.node().server();
        server.eventLoop().submit(() -> server.propagation().addListener(replicas)).get();
        try {
            c.call("PUBLISH", "news", "hello");
            c.call("MULTI");
            c.call("SET", "k", "v");
            c.call("PUBLISH", "news", "again");
            c.call("EXEC");
            assertThat(stream()).containsExactly(cmd("MULTI"), cmd("SET", "k", "v"), cmd("EXEC"));
            assertThat(replicas.take()).containsExactly(cmd("PUBLISH", "news", "hello"), cmd("MULTI"),
                    cmd("SET", "k", "v"), cmd("PUBLISH", "news", "again"), cmd("EXEC"));
        } finally {
            server.eventLoop().submit(() -> server.propagation().removeListener(replicas)).get();
        }
    }

    @Test
    void plainWritesGoAsIsAndReadsNotAtAll() {
        c.call("SET", "k", "v");
        c.call("GET", "k");
        c.call("DEL", "missing");
        assertThat(stream()).containsExactly(cmd("SET", "k", "v"));
    }

    @Test
    void relativeExpiriesBecomeAbsolute() {
        c.call("SET", "k", "v");
        stream();
        c.call("EXPIRE", "k", "100", "NX");
        long at = (Long) c.call("PEXPIRETIME", "k");
        c.call("PEXPIRE", "k", "200000");
        long at2 = (Long) c.call("PEXPIRETIME", "k");
        c.call("EXPIREAT", "k", "4000000000");
        c.call("PEXPIREAT", "k", "4000000000001");
        assertThat(stream()).containsExactly(
                cmd("PEXPIREAT", "k", Long.toString(at), "NX"),
                cmd("PEXPIREAT", "k", Long.toString(at2)),
                cmd("PEXPIREAT", "k", "4000000000000"),
                cmd("PEXPIREAT", "k", "4000000000001"));
        c.call("EXPIRE", "k", "-1");
        assertThat(stream()).containsExactly(cmd("DEL", "k"));
    }

    @Test
    void setWithExpiryBecomesSetPxat() {
        c.call("SET", "a", "1", "EX", "100", "GET");
        long a = (Long) c.call("PEXPIRETIME", "a");
        c.call("SETEX", "b", "100", "2");
        long b = (Long) c.call("PEXPIRETIME", "b");
        c.call("PSETEX", "c", "100000", "3");
        long cc = (Long) c.call("PEXPIRETIME", "c");
        c.call("SET", "d", "4", "PXAT", "4000000000000");
        c.call("SET", "d", "5", "KEEPTTL");
        c.call("SET", "a", "x", "NX", "EX", "5"); // not set: nothing
        assertThat(stream()).containsExactly(
                cmd("SET", "a", "1", "PXAT", Long.toString(a)),
                cmd("SET", "b", "2", "PXAT", Long.toString(b)),
                cmd("SET", "c", "3", "PXAT", Long.toString(cc)),
                cmd("SET", "d", "4", "PXAT", "4000000000000"),
                cmd("SET", "d", "5", "KEEPTTL"));
    }

    @Test
    void getexAndGetdel() {
        c.call("SET", "k", "v");
        stream();
        c.call("GETEX", "k", "EX", "100");
        long at = (Long) c.call("PEXPIRETIME", "k");
        c.call("GETEX", "k", "PERSIST");
        c.call("GETEX", "k", "PERSIST"); // no expiry to remove: nothing
        c.call("GETEX", "k");
        c.call("GETEX", "k", "PXAT", "1");
        c.call("SET", "g", "v");
        c.call("GETDEL", "g");
        c.call("GETDEL", "g");
        assertThat(stream()).containsExactly(
                cmd("PEXPIREAT", "k", Long.toString(at)),
                cmd("PERSIST", "k"),
                cmd("DEL", "k"),
                cmd("SET", "g", "v"),
                cmd("DEL", "g"));
    }

    @Test
    void floatIncrementsBecomeTheirResult() {
        c.call("INCRBYFLOAT", "f", "1.5");
        c.call("HINCRBYFLOAT", "h", "x", "0.25");
        assertThat(stream()).containsExactly(
                cmd("SET", "f", "1.5", "KEEPTTL"),
                cmd("HSET", "h", "x", "0.25"));
    }

    @Test
    void spopBecomesSrem() {
        c.call("SADD", "s", "a", "b", "c", "d", "e");
        stream();
        String one = (String) c.call("SPOP", "s");
        assertThat(stream()).containsExactly(cmd("SREM", "s", one));
        List<?> two = List.copyOf((java.util.Collection<?>) c.call("SPOP", "s", "2"));
        assertThat(stream()).containsExactly(cmd("MULTI"), cmd("SREM", "s", (String) two.get(0)),
                cmd("SREM", "s", (String) two.get(1)), cmd("EXEC"));
        c.call("SPOP", "s", "10");
        assertThat(stream()).containsExactly(cmd("DEL", "s"));
        c.call("SADD", "s", "a");
        c.call("SRANDMEMBER", "s", "3");
        c.call("SPOP", "missing", "3");
        assertThat(stream()).containsExactly(cmd("SADD", "s", "a"));
    }

    @Test
    void popsWithKeysBecomeTheirNonBlockingForm() {
        c.call("RPUSH", "l", "a", "b", "c");
        c.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
        stream();
        c.call("BLPOP", "none", "l", "0");
        c.call("BRPOP", "l", "0");
        c.call("LMPOP", "1", "l", "LEFT", "COUNT", "5");
        c.call("BZPOPMIN", "z", "0");
        c.call("BZPOPMAX", "z", "0");
        c.call("ZADD", "z", "1", "a", "2", "b");
        c.call("ZMPOP", "1", "z", "MIN", "COUNT", "10");
        c.call("RPUSH", "l", "a");
        c.call("BLMOVE", "l", "m", "LEFT", "RIGHT", "0");
        c.call("BRPOPLPUSH", "m", "l", "0");
        assertThat(stream()).containsExactly(
                cmd("LPOP", "l"), cmd("RPOP", "l"), cmd("LPOP", "l", "1"),
                cmd("ZPOPMIN", "z"), cmd("ZPOPMAX", "z"),
                cmd("ZADD", "z", "1", "a", "2", "b"), cmd("ZPOPMIN", "z", "2"),
                cmd("RPUSH", "l", "a"), cmd("LMOVE", "l", "m", "LEFT", "RIGHT"), cmd("RPOPLPUSH", "m", "l"));
    }

    @Test
    void aServedBlockedPopFollowsThePushThatServedIt() {
        try (RespClient blocker = node.client()) {
            blocker.send("BLMPOP", "0", "2", "x", "y", "RIGHT", "COUNT", "5");
            long deadline = System.currentTimeMillis() + 5000;
            while (!c.call("INFO", "clients").toString().contains("blocked_clients:1")
                    && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            c.call("RPUSH", "y", "1", "2");
            assertThat(blocker.read()).isEqualTo(List.of("y", List.of("2", "1")));
            assertThat(stream()).containsExactly(cmd("RPUSH", "y", "1", "2"), cmd("RPOP", "y", "2"));
        }
    }

    @Test
    void transactionsAreWrappedWhenTheyWrite() {
        c.call("MULTI");
        c.call("GET", "a");
        c.call("EXEC");
        assertThat(stream()).isEmpty();
        c.call("MULTI");
        c.call("SET", "a", "1");
        c.call("EXEC");
        assertThat(stream()).containsExactly(cmd("MULTI"), cmd("SET", "a", "1"), cmd("EXEC"));
        c.call("MULTI");
        c.call("SET", "a", "1", "EX", "100");
        c.call("SELECT", "2");
        c.call("INCR", "n");
        c.call("EXEC");
        assertThat(stream()).hasSize(4).startsWith(cmd("MULTI")).endsWith(cmd("INCR", "n"), cmd("EXEC"));
        c.call("SELECT", "0");
    }

    @Test
    void encoderSelectsOnlyWhenTheDatabaseChanges() {
        PropagationEncoder encoder = new PropagationEncoder();
        byte[] first = encoder.encode(3, new byte[][] {"SET".getBytes(), "k".getBytes(), "v".getBytes()});
        byte[] second = encoder.encode(3, new byte[][] {"DEL".getBytes(), "k".getBytes()});
        assertThat(new String(first)).isEqualTo("*2\r\n$6\r\nSELECT\r\n$1\r\n3\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n");
        assertThat(new String(second)).isEqualTo("*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n");
        encoder.reset();
        assertThat(new String(encoder.encode(3, new byte[][] {"PING".getBytes()}))).startsWith("*2\r\n$6\r\nSELECT");
        assertThat(encoder.commands()).isEqualTo(5);
    }

    @Test
    void expiredKeysArePropagatedAsDel() throws InterruptedException {
        c.call("SET", "lazy", "v", "PX", "5");
        c.call("SET", "active", "v", "PX", "5");
        c.call("SELECT", "1");
        c.call("SET", "lazy", "v", "PX", "5");
        stream();
        Thread.sleep(20);
        c.call("GET", "lazy");
        c.call("SET", "lazy", "new");
        long deadline = System.currentTimeMillis() + 5000;
        while (!stream0().contains(cmd("DEL", "active")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(seen).contains(cmd("DEL", "lazy"), cmd("SET", "lazy", "new"), cmd("DEL", "active"));
        c.call("SELECT", "0");
    }

    private final List<List<String>> seen = new java.util.ArrayList<>();

    private List<List<String>> stream0() {
        seen.addAll(capture.take());
        return seen;
    }

    @Test
    void flushallAsyncGoesAsFlushall() {
        c.call("FLUSHALL", "ASYNC");
        c.call("FLUSHDB");
        assertThat(stream()).containsExactly(cmd("FLUSHALL"), cmd("FLUSHDB"));
    }
}
