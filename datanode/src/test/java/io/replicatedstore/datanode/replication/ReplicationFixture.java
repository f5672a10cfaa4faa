package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.server.PropagationFixture;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import io.replicatedstore.datanode.testing.TestNode;
import org.awaitility.core.ConditionTimeoutException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the replication integration tests share: servers of either kind (our data node or
 * Debian's redis-server 7.0) that can be restarted on their port, waiting until replicas are in
 * sync, datasets of every type, a background writer, and comparing two servers' datasets
 * without DEBUG DIGEST.
 *
 * <p>Where a test says "ours", {@link #OURS} is the data node; run with
 * {@code -Dreplication.ours=redis} to play every role with redis-server and so check the tests
 * themselves.
 */
final class ReplicationFixture {

    /** The kind playing "our node": the data node unless -Dreplication.ours=redis. */
    static final Kind OURS = "redis".equals(System.getProperty("replication.ours")) ? Kind.REDIS : Kind.DATANODE;

    static final Duration SYNC_TIMEOUT = Duration.ofSeconds(40);

    private ReplicationFixture() {
    }

    /** Which server program. */
    enum Kind {
        DATANODE, REDIS;

        Node start(String... options) {
            return startAt(TestNode.freePort(), ServerProcess.newDirectory(name().toLowerCase()), null, options);
        }

        /**
         * Starts one with {@code repl-diskless-sync-delay 0} (Redis 7.0's default of 5 seconds
         * would make every full sync slow) unless the options say otherwise.
         */
        Node startAt(int port, Path dir, Path configFile, String... options) {
            List<String> all = new ArrayList<>(List.of("--repl-diskless-sync-delay", "0"));
            all.addAll(List.of(options));
            String[] args = all.toArray(new String[0]);
            ServerProcess process = this == DATANODE
                    ? ServerProcess.dataNodeAt(port, dir, configFile, args)
                    : ServerProcess.redisAt(port, dir, configFile, args);
            return new Node(this, process, options);
        }
    }

    /** A running server: its process, a client for the test thread, and how to restart it. */
    static final class Node implements AutoCloseable {
        final Kind kind;
        final ServerProcess process;
        private final String[] options;
        private final String password;
        private RespClient client;

        Node(Kind kind, ServerProcess process, String[] options) {
            this.kind = kind;
            this.process = process;
            this.options = options;
            List<String> list = List.of(options);
            int i = list.indexOf("--requirepass");
            this.password = i >= 0 ? list.get(i + 1) : null;
        }

        /** A new connection, authenticated when the node has --requirepass. */
        RespClient connect() {
            RespClient c = process.client();
            if (password != null) {
                ok(c.call("AUTH", password));
            }
            return c;
        }

        int port() {
            return process.port();
        }

        Path dir() {
            return process.dir();
        }

        /** The test thread's connection (made on first use). */
        RespClient client() {
            if (client == null) {
                client = connect();
            }
            return client;
        }

        Object call(Object... args) {
            return client().call(args);
        }

        Map<String, String> info(String section) {
            try (RespClient c = connect()) {
                Object reply = c.call("INFO", section);
                if (!(reply instanceof String text)) {
                    throw new AssertionError(this + " answered INFO " + section + " with " + reply);
                }
                return ServerProcess.parseInfo(text);
            }
        }

        String info(String section, String field) {
            String value = info(section).get(field);
            if (value == null) {
                throw new AssertionError(this + " has no " + field + " in INFO " + section + ": " + info(section));
            }
            return value;
        }

        long stat(String field) {
            return Long.parseLong(info("stats", field));
        }

        String replicaOf(Node master) {
            return (String) call("REPLICAOF", "127.0.0.1", master.port());
        }

        /** Kills the process (SIGKILL) and starts the same kind, options and directory on the same port. */
        Node restart(String... moreOptions) {
            kill();
            List<String> all = new ArrayList<>(List.of(options));
            all.addAll(List.of(moreOptions));
            return kind.startAt(port(), dir(), null, all.toArray(new String[0]));
        }

        /** SIGKILL, waiting for the process to be gone. */
        void kill() {
            close();
        }

        /** SIGSTOP: the process holds its connections but reads and answers nothing. */
        void pause() {
            process.pause();
        }

        /** SIGCONT after {@link #pause()}. */
        void resume() {
            process.resume();
        }

        String logTail() {
            return process.logTail();
        }

        @Override
        public void close() {
            if (client != null) {
                client.close();
                client = null;
            }
            process.close();
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase() + ":" + port();
        }
    }

    /** Closes every node given, ignoring nulls, and deletes their directories: for @AfterEach. */
    static void closeAll(Node... nodes) {
        for (Node node : nodes) {
            if (node != null) {
                node.close();
                deleteDirectory(node.dir());
            }
        }
    }

    private static void deleteDirectory(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover temporary directory is no test failure
        }
    }

    static final String READONLY = "READONLY You can't write against a read only replica.";

    static Map<String, String> replication(Node node) {
        return node.info("replication");
    }

    static void ok(Object reply) {
        assertThat(reply).isEqualTo("OK");
    }

    /** Waits, up to {@link #SYNC_TIMEOUT}, until the replica's link is up and its offset is the master's. */
    static void awaitInSync(Node master, Node replica) {
        awaitWithLogs("replica " + replica + " in sync with " + master, SYNC_TIMEOUT, () -> {
            Map<String, String> r = replica.info("replication");
            assertThat(r).as("replica INFO replication").containsEntry("role", "slave")
                    .containsEntry("master_port", Integer.toString(master.port()))
                    .containsEntry("master_link_status", "up")
                    .containsEntry("master_sync_in_progress", "0");
            String masterOffset = master.info("replication", "master_repl_offset");
            assertThat(replica.info("replication", "slave_repl_offset"))
                    .as("replica slave_repl_offset vs master master_repl_offset").isEqualTo(masterOffset);
        }, master, replica);
    }

    /** Polls an assertion until it holds; on timeout fails with the last failure and the servers' log tails. */
    static void awaitWithLogs(String what, Duration timeout, Runnable assertion, Node... nodes) {
        try {
            await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                    .ignoreExceptions().untilAsserted(assertion::run);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + logs(nodes), e);
        }
    }

    static String logs(Node... nodes) {
        StringBuilder text = new StringBuilder();
        for (Node node : nodes) {
            text.append("\n--- log tail of ").append(node).append(" ---\n").append(node.logTail());
        }
        return text.toString();
    }

    /** Sends commands in one pipeline and checks none of them failed. */
    static final class Pipeline {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private int count;

        Pipeline add(Object... args) {
            buf.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (Object arg : args) {
                byte[] bytes = String.valueOf(arg).getBytes(StandardCharsets.UTF_8);
                buf.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                buf.writeBytes(bytes);
                buf.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            count++;
            return this;
        }

        int size() {
            return count;
        }

        void run(RespClient c) {
            c.sendRaw(buf.toByteArray());
            for (int i = 0; i < count; i++) {
                Object reply = c.read();
                assertThat(reply).as("reply %d of %d in a pipeline", i, count).isNotInstanceOf(RespClient.Error.class);
            }
            buf.reset();
            count = 0;
        }
    }

    static final long FAR = System.currentTimeMillis() + 3_600_000;

    /**
     * Every type in small and large encodings, TTLs, in databases 0, 3 and 9: about
     * {@code 12 * groups} keys per database.
     */
    static void populate(RespClient c, String prefix, int groups) {
        Pipeline p = new Pipeline();
        for (int db : new int[] {0, 3, 9}) {
            p.add("SELECT", db);
            for (int g = 0; g < groups; g++) {
                String k = prefix + db + ":" + g + ":";
                p.add("SET", k + "str", "value-" + g);
                p.add("SET", k + "int", g * 7919L);
                p.add("SET", k + "ttl", "expiring-" + g, "PXAT", FAR + g);
                p.add("RPUSH", k + "list", "a", "b", g, "c");
                p.add("HSET", k + "hash", "f1", "v1", "f2", g);
                p.add("SADD", k + "intset", 1, 2, g + 3);
                p.add("SADD", k + "set", "x", "y", "z" + g);
                p.add("ZADD", k + "zset", 1, "a", 2.5, "b", -g, "c");
                p.add("HSET", k + "ttlhash", "f", "v");
                p.add("PEXPIREAT", k + "ttlhash", FAR + 2 * g);
                p.add("SETEX", k + "setex", 5000 + g, "v");
                if (g % 50 == 0) {
                    List<Object> list = new ArrayList<>(List.of("RPUSH", k + "biglist"));
                    List<Object> hash = new ArrayList<>(List.of("HSET", k + "bighash"));
                    List<Object> set = new ArrayList<>(List.of("SADD", k + "bigset"));
                    List<Object> zset = new ArrayList<>(List.of("ZADD", k + "bigzset"));
                    for (int i = 0; i < 300; i++) {
                        list.add("element-" + i);
                        hash.add("field-" + i);
                        hash.add("value-" + i);
                        set.add("member-" + i);
                        zset.add(i * 1.5);
                        zset.add("m-" + i);
                    }
                    p.add(list.toArray()).add(hash.toArray()).add(set.toArray()).add(zset.toArray());
                }
                if (p.size() > 2000) {
                    p.run(c);
                    p.add("SELECT", db);
                }
            }
        }
        p.add("SELECT", 0);
        p.run(c);
    }

    /** {@code keys} string keys "big:N" with {@code valueSize}-byte values in db 0, by pipelined MSETs. */
    static void bulkLoad(RespClient c, int keys, int valueSize) {
        String filler = "x".repeat(Math.max(0, valueSize - 8));
        Pipeline p = new Pipeline();
        List<Object> mset = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            if (mset.isEmpty()) {
                mset.add("MSET");
            }
            mset.add("big:" + i);
            mset.add(String.format("%08d", i) + filler);
            if (mset.size() > 200 || i == keys - 1) {
                p.add(mset.toArray());
                mset.clear();
                if (p.size() >= 100) {
                    p.run(c);
                }
            }
        }
        p.run(c);
    }

    /** Checks DBSIZE and a sample of the keys {@link #bulkLoad} wrote. */
    static void assertBulkLoaded(Node node, int keys, int valueSize) {
        RespClient c = node.client();
        ok(c.call("SELECT", 0));
        assertThat(c.call("DBSIZE")).as("DBSIZE of %s", node).isEqualTo((long) keys);
        String filler = "x".repeat(Math.max(0, valueSize - 8));
        for (int i = 0; i < keys; i += keys / 97 + 1) {
            assertThat(c.call("GET", "big:" + i)).as("big:%d on %s", i, node).isEqualTo(String.format("%08d", i) + filler);
        }
        assertThat(c.call("GET", "big:" + (keys - 1))).isEqualTo(String.format("%08d", keys - 1) + filler);
    }

    /** Every key of every database of both: type, value and absolute expiry must be the same. */
    static void assertSameDataset(Node expected, Node actual) {
        Map<String, List<Object>> a = PropagationFixture.dump(expected.client());
        Map<String, List<Object>> b = PropagationFixture.dump(actual.client());
        if (a.equals(b)) {
            assertThat(a).as("dataset of %s", expected).isNotEmpty();
            return;
        }
        TreeSet<String> missing = new TreeSet<>(a.keySet());
        missing.removeAll(b.keySet());
        TreeSet<String> extra = new TreeSet<>(b.keySet());
        extra.removeAll(a.keySet());
        List<String> differ = new ArrayList<>();
        for (Map.Entry<String, List<Object>> e : a.entrySet()) {
            List<Object> other = b.get(e.getKey());
            if (other != null && !Objects.equals(e.getValue(), other) && differ.size() < 10) {
                differ.add(e.getKey() + ": " + shorten(e.getValue()) + " vs " + shorten(other));
            }
        }
        throw new AssertionError("datasets differ: " + expected + " has " + a.size() + " keys, " + actual + " has "
                + b.size() + "; missing on " + actual + " (" + missing.size() + "): " + first(missing) + "; extra ("
                + extra.size() + "): " + first(extra) + "; different values: " + differ);
    }

    private static String first(TreeSet<String> keys) {
        return keys.stream().limit(10).toList().toString();
    }

    private static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /**
     * A client on its own thread writing until closed: INCR of a counter, RPUSH of the sequence
     * number, and SET/HSET/ZADD/SADD with and without TTL over databases 0, 3 and 9. It stops at
     * the first error reply (kept in {@link #error}); {@link #acknowledged} counts the steps
     * whose replies all came back.
     */
    static final class Writer implements AutoCloseable {
        final AtomicLong acknowledged = new AtomicLong();
        /** The last value INCR of "counter" answered: what the master acknowledged. */
        final AtomicLong lastCounter = new AtomicLong();
        final AtomicReference<Object> error = new AtomicReference<>();
        private final RespClient c;
        private final Thread thread;
        private volatile boolean stop;

        Writer(Node node) {
            this.c = node.connect();
            this.thread = new Thread(this::run, "writer-" + node);
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try {
                long step = 0;
                while (!stop) {
                    int db = (int) (step % 3) * 3;
                    Pipeline p = new Pipeline();
                    p.add("INCR", "counter");
                    p.add("RPUSH", "sequence", step);
                    p.add("SELECT", db);
                    p.add("SET", "w:" + step % 500, "v" + step);
                    p.add("SET", "wt:" + step % 300, "v" + step, "EX", 10_000);
                    p.add("HSET", "wh:" + step % 20, "f" + step % 37, step);
                    p.add("ZADD", "wz:" + step % 20, step % 101, "m" + step % 53);
                    p.add("SADD", "ws:" + step % 20, step % 71);
                    p.add("EXPIRE", "wh:" + step % 20, 20_000);
                    p.add("SELECT", 0);
                    int n = p.size();
                    c.sendRaw(p.buf.toByteArray());
                    for (int i = 0; i < n; i++) {
                        Object reply = c.read();
                        if (reply instanceof RespClient.Error e) {
                            error.compareAndSet(null, e);
                        } else if (i == 0) {
                            lastCounter.set((Long) reply);
                        }
                    }
                    if (error.get() != null) {
                        return;
                    }
                    acknowledged.incrementAndGet();
                    step++;
                    Thread.sleep(1);
                }
            } catch (RuntimeException | InterruptedException e) {
                error.compareAndSet(null, e);
            } finally {
                c.close();
            }
        }

        /** Waits until at least {@code more} further steps were acknowledged. */
        void awaitProgress(long more) {
            long target = acknowledged.get() + more;
            await("writer progress").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                    .until(() -> acknowledged.get() >= target || error.get() != null);
            assertThat(error.get()).as("writer error").isNull();
        }

        /** Stops writing and waits for the thread; returns the number of acknowledged steps. */
        long stop() {
            stop = true;
            try {
                thread.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(thread.isAlive()).as("writer thread still running").isFalse();
            return acknowledged.get();
        }

        @Override
        public void close() {
            stop();
        }
    }
}
