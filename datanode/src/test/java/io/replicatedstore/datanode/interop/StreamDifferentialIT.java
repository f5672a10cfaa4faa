package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.RedisAndDataNode;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream commands answer as Debian's redis-server 7.0 does: the same scripted commands
 * (explicit ids, since "*" follows each server's clock) give the same replies, errors included,
 * in RESP2 and RESP3; random XADD/XDEL/XTRIM ~ sequences leave the same entries, which shows the
 * node boundaries (that decide approximate trimming) fall where Redis's do.
 */
class StreamDifferentialIT {

    @RegisterExtension
    static final RedisAndDataNode servers = new RedisAndDataNode();

    private static final List<List<String>> SCRIPT = List.of(
            List.of("XADD", "s", "1-1", "a", "1"),
            List.of("XADD", "s", "1-1", "a", "1"),
            List.of("XADD", "s", "0-0", "a", "1"),
            List.of("XADD", "s", "1-*", "b", "2"),
            List.of("XADD", "s", "5", "c", "3", "d", "4"),
            List.of("XADD", "s", "6-0", "c"),
            List.of("XADD", "s", "+", "c", "1"),
            List.of("XADD", "s", "MAXLEN", "-1", "7-0", "a", "1"),
            List.of("XADD", "s", "MAXLEN", "1", "MINID", "1", "7-0", "a", "1"),
            List.of("XADD", "s", "LIMIT", "10", "7-0", "a", "1"),
            List.of("XADD", "s", "MAXLEN", "=", "5", "LIMIT", "10", "7-0", "a", "1"),
            List.of("XADD", "nokey", "NOMKSTREAM", "1-0", "a", "1"),
            List.of("EXISTS", "nokey"),
            List.of("XLEN", "s"),
            List.of("XLEN", "nokey"),
            List.of("XRANGE", "s", "-", "+"),
            List.of("XRANGE", "s", "(1-1", "+", "COUNT", "2"),
            List.of("XREVRANGE", "s", "+", "-", "COUNT", "1"),
            List.of("XREVRANGE", "s", "(5-0", "(1-1"),
            List.of("XRANGE", "s", "-", "+", "COUNT", "0"),
            List.of("XRANGE", "s", "-", "+", "COUNT", "-3"),
            List.of("XRANGE", "s", "-", "+", "LIMIT", "3"),
            List.of("XRANGE", "s", "(18446744073709551615-18446744073709551615", "+"),
            List.of("XRANGE", "s", "-", "(0-0"),
            List.of("XRANGE", "s", "(-", "+"),
            List.of("XRANGE", "s", "abc", "+"),
            List.of("XRANGE", "s", "1", "1"),
            List.of("XRANGE", "nokey", "-", "+"),
            List.of("XDEL", "s", "1-2", "9-9"),
            List.of("XDEL", "s", "+"),
            List.of("XDEL", "nokey", "1-1"),
            List.of("XREAD", "COUNT", "1", "STREAMS", "s", "0"),
            List.of("XREAD", "STREAMS", "s", "$"),
            List.of("XREAD", "STREAMS", "s", "nokey", "0", "0"),
            List.of("XREAD", "STREAMS", "s", "nokey", "0"),
            List.of("XREAD", "STREAMS", "s", ">"),
            List.of("XREAD", "GROUP", "g", "c", "STREAMS", "s", "0"),
            List.of("XREAD", "BLOCK", "-1", "STREAMS", "s", "0"),
            List.of("XREAD", "BLOCK", "x", "STREAMS", "s", "0"),
            List.of("XREAD", "COUNT", "1"),
            List.of("XTRIM", "s", "MAXLEN", "1"),
            List.of("XTRIM", "s", "LIMIT", "1", "MAXLEN", "1"),
            List.of("XTRIM", "s", "MAXLEN", "=", "1", "LIMIT", "1"),
            List.of("XTRIM", "s", "FOO", "1"),
            List.of("XTRIM", "s", "MINID", "~", "0", "LIMIT", "-1"),
            List.of("XTRIM", "nokey", "MAXLEN", "0"),
            List.of("XSETID", "s", "1-0"),
            List.of("XSETID", "s", "99-0", "ENTRIESADDED", "1"),
            List.of("XSETID", "s", "99-0", "ENTRIESADDED", "10", "MAXDELETEDID", "100-0"),
            List.of("XSETID", "s", "99-0", "ENTRIESADDED", "10", "MAXDELETEDID", "7-0"),
            List.of("XSETID", "s", "99-0", "ENTRIESADDED", "-1"),
            List.of("XSETID", "nokey", "1-1"),
            List.of("XINFO", "STREAM", "s"),
            List.of("XINFO", "STREAM", "s", "FULL"),
            List.of("XINFO", "STREAM", "s", "FULL", "COUNT", "1"),
            List.of("XINFO", "STREAM", "nokey"),
            List.of("XADD", "s", "99-0", "f", "1"),
            List.of("XADD", "s2", "1-18446744073709551615", "a", "1"),
            List.of("XADD", "s2", "1-*", "a", "1"),
            List.of("XADD", "s2", "18446744073709551615-18446744073709551615", "a", "1"),
            List.of("XADD", "s2", "*", "a", "1"),
            List.of("XADD", "s3", "MAXLEN", "0", "1-0", "a", "1"),
            List.of("EXISTS", "s3"),
            List.of("XINFO", "STREAM", "s3"),
            List.of("TYPE", "s"),
            List.of("OBJECT", "ENCODING", "s"),
            List.of("SET", "str", "x"),
            List.of("XADD", "str", "1-0", "a", "1"),
            List.of("XLEN", "str"),
            List.of("XREAD", "STREAMS", "str", "0"));

    /** Consumer groups: only replies that hold no times (idle, seen and delivery times follow each server's clock). */
    private static final List<List<String>> GROUP_SCRIPT = List.of(
            List.of("XADD", "s", "1-1", "a", "1"),
            List.of("XADD", "s", "2-1", "a", "2", "b", "3"),
            List.of("XADD", "s", "3-1", "c", "4"),
            List.of("XADD", "s", "4-1", "c", "5"),
            List.of("XGROUP", "CREATE", "s", "g", "0"),
            List.of("XGROUP", "CREATE", "s", "g", "0"),
            List.of("XGROUP", "CREATE", "nokey", "g", "0"),
            List.of("XGROUP", "CREATE", "s2", "g", "$", "MKSTREAM"),
            List.of("XGROUP", "CREATE", "s", "h", "$", "ENTRIESREAD", "3"),
            List.of("XGROUP", "CREATE", "s", "h2", "0", "ENTRIESREAD", "-5"),
            List.of("XGROUP", "CREATE", "s", "h3", "bad"),
            List.of("XGROUP", "CREATE", "s", "h4", "0", "MKSTREAM", "BAD"),
            List.of("XGROUP", "CREATE", "s"),
            List.of("XGROUP", "SETID", "s", "nog", "0"),
            List.of("XGROUP", "SETID", "s", "h", "0", "MKSTREAM"),
            List.of("XGROUP", "CREATECONSUMER", "s", "g", "alice"),
            List.of("XGROUP", "CREATECONSUMER", "s", "g", "alice"),
            List.of("XGROUP", "FOO", "s", "g"),
            List.of("XREADGROUP", "GROUP", "g", "bob", "COUNT", "2", "STREAMS", "s", ">"),
            List.of("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", "0"),
            List.of("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", "(1-1"),
            List.of("XREADGROUP", "GROUP", "g", "carol", "NOACK", "COUNT", "1", "STREAMS", "s", ">"),
            List.of("XREADGROUP", "GROUP", "nog", "bob", "STREAMS", "s", ">"),
            List.of("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", "$"),
            List.of("XREADGROUP", "STREAMS", "s", ">"),
            List.of("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s"),
            List.of("XREADGROUP", "GROUP", "g", "bob", "BLOCK", "10", "STREAMS", "s2", ">"),
            List.of("XPENDING", "s", "g"),
            List.of("XPENDING", "s", "nog"),
            List.of("XPENDING", "s", "g", "IDLE", "999999999", "-", "+", "10"),
            List.of("XPENDING", "s", "g", "-", "+"),
            List.of("XPENDING", "s", "g", "-", "+", "x"),
            List.of("XPENDING", "s", "g", "(-", "+", "10"),
            List.of("XACK", "s", "g", "1-1", "9-9"),
            List.of("XACK", "s", "nog", "1-1"),
            List.of("XACK", "s", "g", "bad"),
            List.of("XINFO", "GROUPS", "s"),
            List.of("XGROUP", "DELCONSUMER", "s", "g", "alice"),
            List.of("XDEL", "s", "2-1"),
            List.of("XCLAIM", "s", "g", "alice", "0", "2-1", "JUSTID"),
            List.of("XPENDING", "s", "g"),
            List.of("XCLAIM", "s", "g", "alice", "0", "3-1", "4-1", "FORCE", "JUSTID", "RETRYCOUNT", "7"),
            List.of("XCLAIM", "s", "g", "alice", "0", "3-1", "bogus"),
            List.of("XCLAIM", "s", "g", "alice", "abc", "3-1"),
            List.of("XCLAIM", "s", "g", "alice", "0", "3-1", "IDLE", "x"),
            List.of("XCLAIM", "s", "nog", "alice", "0", "3-1"),
            List.of("XADD", "s", "5-1", "e", "6"),
            List.of("XREADGROUP", "GROUP", "g", "dave", "STREAMS", "s", ">"),
            List.of("XDEL", "s", "5-1"),
            List.of("XAUTOCLAIM", "s", "g", "erin", "0", "0", "COUNT", "1", "JUSTID"),
            List.of("XAUTOCLAIM", "s", "g", "erin", "0", "0", "COUNT", "10", "JUSTID"),
            List.of("XAUTOCLAIM", "s", "g", "erin", "0", "0", "COUNT", "0"),
            List.of("XAUTOCLAIM", "s", "g", "erin", "0", "(-", "JUSTID"),
            List.of("XAUTOCLAIM", "s", "nog", "erin", "0", "0"),
            List.of("XAUTOCLAIM", "s", "g", "erin", "0", "0", "FOO"),
            List.of("XPENDING", "s", "g"),
            List.of("XINFO", "GROUPS", "s"),
            List.of("XINFO", "STREAM", "s"),
            List.of("XGROUP", "SETID", "s", "g", "0", "ENTRIESREAD", "0"),
            List.of("XGROUP", "SETID", "s", "g", "$"),
            List.of("XINFO", "GROUPS", "s"),
            List.of("XINFO", "CONSUMERS", "s", "nog"),
            List.of("XINFO", "GROUPS", "nokey"),
            List.of("XINFO", "FOO", "s"),
            List.of("XGROUP", "DESTROY", "s", "g"),
            List.of("XGROUP", "DESTROY", "s", "g"),
            List.of("XINFO", "GROUPS", "s"),
            List.of("SET", "str", "x"),
            List.of("XGROUP", "CREATE", "str", "g", "$"),
            List.of("XREADGROUP", "GROUP", "g", "c", "STREAMS", "str", ">"),
            List.of("XACK", "str", "g", "1-1"),
            List.of("XPENDING", "str", "g"));

    @Test
    void consumerGroupCommandsGiveRedissRepliesInResp2AndResp3() {
        for (String protocol : List.of("2", "3")) {
            try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
                for (RespClient client : List.of(theirs, mine)) {
                    client.call("HELLO", protocol);
                    client.call("FLUSHALL");
                }
                for (List<String> command : GROUP_SCRIPT) {
                    Object expected = theirs.call(command.toArray());
                    assertThat(mine.call(command.toArray())).as("RESP%s %s", protocol, command).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void scriptedCommandsGiveRedissRepliesInResp2AndResp3() {
        for (String protocol : List.of("2", "3")) {
            try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
                for (RespClient client : List.of(theirs, mine)) {
                    client.call("HELLO", protocol);
                    client.call("FLUSHALL");
                }
                for (List<String> command : SCRIPT) {
                    Object expected = theirs.call(command.toArray());
                    assertThat(mine.call(command.toArray())).as("RESP%s %s", protocol, command).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void randomAddsDeletesAndApproximateTrimsLeaveTheSameEntries() {
        Random random = new Random(16);
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (RespClient client : List.of(theirs, mine)) {
                client.call("FLUSHALL");
                client.call("CONFIG", "SET", "stream-node-max-entries", "7");
                client.call("CONFIG", "SET", "stream-node-max-bytes", "300");
            }
            try {
                long ms = 1;
                for (int i = 0; i < 3000; i++) {
                    List<Object> command = new ArrayList<>();
                    int pick = random.nextInt(10);
                    if (pick < 6) {
                        ms += random.nextInt(3);
                        command.addAll(List.of("XADD", "s"));
                        if (random.nextInt(8) == 0) {
                            command.addAll(List.of(random.nextBoolean() ? "MAXLEN" : "MINID", "~",
                                    random.nextBoolean() ? Integer.toString(random.nextInt(60)) : ms - random.nextInt(40) + "-0"));
                        }
                        command.add(ms + "-*");
                        int pairs = 1 + random.nextInt(3);
                        for (int p = 0; p < pairs; p++) {
                            command.add(random.nextBoolean() ? "f" + p : "field" + random.nextInt(4));
                            command.add(random.nextInt(4) == 0 ? "x".repeat(random.nextInt(90)) : Integer.toString(random.nextInt(100000)));
                        }
                    } else if (pick < 8) {
                        command.addAll(List.of("XDEL", "s", Math.max(1, ms - random.nextInt(30)) + "-" + random.nextInt(2)));
                    } else if (pick < 9) {
                        command.addAll(List.of("XTRIM", "s", "MAXLEN", "~", Integer.toString(random.nextInt(80))));
                    } else {
                        command.addAll(List.of("XTRIM", "s", "MINID", "~", Math.max(0, ms - random.nextInt(60)) + "", "LIMIT", "" + random.nextInt(30)));
                    }
                    Object expected = theirs.call(command.toArray());
                    assertThat(mine.call(command.toArray())).as("step %d: %s", i, command).isEqualTo(expected);
                }
                assertThat(mine.call("XRANGE", "s", "-", "+")).isEqualTo(theirs.call("XRANGE", "s", "-", "+"));
                // All but radix-tree-nodes (index 5), which counts nodes of Redis's radix tree.
                List<Object> expected = new ArrayList<>((List<?>) theirs.call("XINFO", "STREAM", "s", "FULL", "COUNT", "0"));
                List<Object> actual = new ArrayList<>((List<?>) mine.call("XINFO", "STREAM", "s", "FULL", "COUNT", "0"));
                expected.remove(5);
                actual.remove(5);
                assertThat(actual).isEqualTo(expected);
            } finally {
                for (RespClient client : List.of(theirs, mine)) {
                    client.call("CONFIG", "SET", "stream-node-max-entries", "100");
                    client.call("CONFIG", "SET", "stream-node-max-bytes", "4096");
                }
            }
        }
    }

    @Test
    void aBlockedXreadIsServedByTheNextAddAsByRedis() {
        for (RespClient[] pair : new RespClient[][] {
                {servers.redis().client(), servers.redis().client()},
                {servers.dataNode().client(), servers.dataNode().client()}}) {
            try (RespClient reader = pair[0]; RespClient writer = pair[1]) {
                writer.call("FLUSHALL");
                writer.call("XADD", "s", "1-0", "a", "1");
                reader.send("XREAD", "BLOCK", "0", "STREAMS", "other", "s", "$", "$");
                awaitOneBlocked(writer);
                writer.call("XADD", "s", "2-0", "b", "2");
                assertThat(reader.read()).isEqualTo(List.of(List.of("s", List.of(List.of("2-0", List.of("b", "2"))))));
                reader.send("XREAD", "BLOCK", "1", "STREAMS", "s", "$");
                assertThat(reader.read()).isNull();
            }
        }
    }

    /** Waits, for at most 10 seconds, until the server counts one blocked client. */
    private static void awaitOneBlocked(RespClient control) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!String.valueOf(control.call("INFO", "clients")).contains("blocked_clients:1")) {
            assertThat(System.nanoTime()).as("a client blocked within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
