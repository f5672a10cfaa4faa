package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.resp.PropagationEncoder;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the propagation tests share: a listener that captures the stream (as argv lists and as
 * encoded RESP), a seeded random workload over every data type, replaying a stream, and a
 * dataset dump to compare two servers without DEBUG.
 */
public final class PropagationFixture {

    private PropagationFixture() {
    }

    /** Records the propagated stream; attached on the node's command thread. */
    public static class Capture implements PropagationListener {
        private final List<List<String>> commands = new ArrayList<>();
        private final ByteArrayOutputStream resp = new ByteArrayOutputStream();
        private final PropagationEncoder encoder = new PropagationEncoder();

        @Override
        public synchronized void propagate(int db, byte[][] argv) {
            List<String> command = new ArrayList<>();
            for (byte[] arg : argv) {
                command.add(new String(arg, StandardCharsets.UTF_8));
            }
            commands.add(command);
            resp.writeBytes(encoder.encode(db, argv));
        }

        /** The commands propagated since the last call, and forgets them. */
        public synchronized List<List<String>> take() {
            List<List<String>> taken = List.copyOf(commands);
            commands.clear();
            return taken;
        }

        public synchronized byte[] resp() {
            return resp.toByteArray();
        }

        public synchronized long encodedCommands() {
            return encoder.commands();
        }
    }

    public static Capture attach(TestNode node) {
        Capture capture = new Capture();
        Server server = node.node().server();
        try {
            server.eventLoop().submit(() -> server.propagation().addListener(capture)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return capture;
    }

    /** Sends a captured stream as one client would and checks no command of it failed. */
    public static void replay(RespClient c, Capture capture) {
        c.sendRaw(capture.resp());
        long count = capture.encodedCommands();
        for (long i = 0; i < count; i++) {
            Object reply = c.read();
            assertThat(reply).as("reply %d of %d", i, count).isNotInstanceOf(RespClient.Error.class);
        }
    }

    /**
     * A seeded random mix of writes (and some reads) over all types, in several databases, with
     * short and long expiries, transactions, and blocking pops served by a second client.
     */
    public static void workload(RespClient c, RespClient blocker, long seed, int steps) {
        Random rnd = new Random(seed);
        int db = 0;
        c.call("SELECT", 0);
        for (int step = 0; step < steps; step++) {
            int op = rnd.nextInt(46);
            String k = "k" + rnd.nextInt(6);
            String s = "s" + rnd.nextInt(4);
            String h = "h" + rnd.nextInt(4);
            String l = "l" + rnd.nextInt(4);
            String t = "t" + rnd.nextInt(4);
            String z = "z" + rnd.nextInt(4);
            String v = "v" + rnd.nextInt(1000);
            String e = "e" + rnd.nextInt(3); // only ever written whole, so a short expiry replays exactly
            switch (op) {
                case 0 -> c.call("SET", k, v);
                case 1 -> c.call("SET", k, v, "EX", 100 + rnd.nextInt(1000));
                case 2 -> c.call("SET", e, v, "PX", 1 + rnd.nextInt(30)); // expires during the run
                case 3 -> c.call("SET", k, v, rnd.nextBoolean() ? "NX" : "XX", "GET", "PX", 50_000 + rnd.nextInt(1000));
                case 4 -> c.call("SETEX", k, 100 + rnd.nextInt(100), v);
                case 5 -> {
                    if (rnd.nextBoolean()) {
                        c.call("PSETEX", e, 1 + rnd.nextInt(20), v);
                    } else {
                        c.call("GET", e); // a lazy expiry: DEL e
                    }
                }
                case 6 -> c.call("EXPIRE", rnd.nextBoolean() ? k : s, 100 + rnd.nextInt(100));
                case 7 -> c.call("PEXPIRE", rnd.nextBoolean() ? h : l, rnd.nextInt(3) == 0 ? -1 : 100_000 + rnd.nextInt(20));
                case 8 -> c.call("EXPIREAT", z, System.currentTimeMillis() / 1000 + (rnd.nextBoolean() ? 500 : -5));
                case 9 -> c.call("GETEX", k, rnd.nextBoolean() ? "PERSIST" : "EX", "300");
                case 10 -> c.call("GETDEL", k);
                case 11 -> c.call("INCRBYFLOAT", "f" + rnd.nextInt(2), rnd.nextInt(100) / 7.0);
                case 12 -> c.call("APPEND", k, v);
                case 13 -> c.call("INCR", "n" + rnd.nextInt(3));
                case 14 -> c.call("HSET", h, "f" + rnd.nextInt(5), v, "g" + rnd.nextInt(5), v);
                case 15 -> c.call("HINCRBYFLOAT", h, "x", rnd.nextInt(100) / 3.0);
                case 16 -> c.call("HDEL", h, "f" + rnd.nextInt(5));
                case 17 -> c.call("RPUSH", l, v, v + "b");
                case 18 -> c.call("LPOP", l, rnd.nextInt(3) + 1);
                case 19 -> c.call("LMOVE", l, "l" + rnd.nextInt(4), "LEFT", "RIGHT");
                case 20 -> c.call("LMPOP", 2, l, "l" + rnd.nextInt(4), "RIGHT", "COUNT", 2);
                case 21 -> c.call("SADD", s, "m" + rnd.nextInt(20), "m" + rnd.nextInt(20), "m" + rnd.nextInt(20));
                case 22 -> c.call("SPOP", s);
                case 23 -> c.call("SPOP", s, rnd.nextInt(5));
                case 24 -> c.call("SRANDMEMBER", s, 3);
                case 25 -> c.call("ZADD", z, rnd.nextInt(100), "m" + rnd.nextInt(10), rnd.nextInt(100) / 3.0, "m" + rnd.nextInt(10));
                case 26 -> c.call("ZPOPMIN", z, rnd.nextInt(3) + 1);
                case 27 -> c.call("ZMPOP", 1, z, "MAX", "COUNT", 2);
                case 28 -> c.call("ZINCRBY", z, 1.5, "m" + rnd.nextInt(10));
                case 29 -> c.call("DEL", k, s);
                case 30 -> c.call("RENAME", l, "l" + rnd.nextInt(4));
                case 31 -> c.call("COPY", h, "h" + rnd.nextInt(4), "REPLACE");
                case 32 -> c.call("MOVE", k, rnd.nextInt(3));
                case 33 -> {
                    db = rnd.nextInt(3);
                    c.call("SELECT", db);
                }
                case 34 -> {
                    if (rnd.nextInt(8) == 0) {
                        c.call("FLUSHDB");
                    }
                }
                case 35 -> {
                    c.call("MULTI");
                    c.call("SET", k, v, "EX", 500);
                    c.call("SPOP", s, 2);
                    c.call("GET", k);
                    c.call("SELECT", (db + 1) % 3);
                    c.call("RPUSH", l, v);
                    c.call("SELECT", db);
                    c.call("EXEC");
                }
                case 36 -> {
                    c.call("MULTI");
                    c.call("GET", k); // read only: nothing propagated
                    c.call("EXEC");
                }
                case 37 -> blockingPop(c, blocker, db, List.of("BLPOP", "bl0", "0"), "RPUSH", "bl0", v);
                case 38 -> blockingPop(c, blocker, db, List.of("BRPOP", "bl0", "bl1", "0"), "LPUSH", "bl1", v);
                case 39 -> blockingPop(c, blocker, db, List.of("BLMOVE", "bl0", "l" + rnd.nextInt(4), "RIGHT", "LEFT", "0"),
                        "RPUSH", "bl0", v);
                case 40 -> blockingPop(c, blocker, db, List.of("BRPOPLPUSH", "bl1", "l0", "0"), "RPUSH", "bl1", v);
                case 41 -> blockingPop(c, blocker, db, List.of("BZPOPMIN", "bz0", "bz1", "0"), "ZADD", "bz" + rnd.nextInt(2), v);
                case 42 -> blockingPop(c, blocker, db, List.of("BZMPOP", "0", "1", "bz1", "MAX", "COUNT", "3"), "ZADD", "bz1", v);
                case 43 -> blockingPop(c, blocker, db, List.of("BLMPOP", "0", "1", "bl1", "LEFT", "COUNT", "2"), "RPUSH", "bl1", v);
                case 44 -> c.call("BLPOP", l, "0.01"); // served at once, or times out
                case 45 -> {
                    if (rnd.nextInt(10) == 0) {
                        c.call("FLUSHALL", "ASYNC");
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    /** A second client blocks, then this one pushes; the blocked one is served from that push. */
    private static void blockingPop(RespClient c, RespClient blocker, int db, List<String> command,
                                    String push, String key, String value) {
        blocker.call("SELECT", db);
        Object id = blocker.call("CLIENT", "ID");
        blocker.send(command.toArray());
        // Wait until it ran: blocked, or served at once from existing data (its last command is no longer SELECT).
        long deadline = System.currentTimeMillis() + 5000;
        while (!c.call("CLIENT", "LIST", "ID", id).toString().contains("cmd=" + command.get(0).toLowerCase())
                && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        if (push.equals("ZADD")) {
            c.call("ZADD", key, 1, value, 2, value + "x");
        } else {
            c.call(push, key, value, value + "y", value + "z");
        }
        blocker.read();
    }

    /** Every key of every database (0..15): type, value, absolute expiry. */
    public static Map<String, List<Object>> dump(RespClient c) {
        Map<String, List<Object>> out = new TreeMap<>();
        for (int db = 0; db < 16; db++) {
            c.call("SELECT", db);
            String cursor = "0";
            List<String> keys = new ArrayList<>();
            do {
                @SuppressWarnings("unchecked")
                List<Object> page = (List<Object>) c.call("SCAN", cursor, "COUNT", 100);
                cursor = (String) page.get(0);
                for (Object key : (List<?>) page.get(1)) {
                    keys.add((String) key);
                }
            } while (!cursor.equals("0"));
            for (String key : keys) {
                String type = (String) c.call("TYPE", key);
                Object value = switch (type) {
                    case "string" -> c.call("GET", key);
                    case "hash" -> new TreeMap<>(pairs((List<?>) c.call("HGETALL", key)));
                    case "list" -> c.call("LRANGE", key, 0, -1);
                    case "set" -> new java.util.TreeSet<>((List<?>) c.call("SMEMBERS", key)).toString();
                    case "zset" -> c.call("ZRANGE", key, 0, -1, "WITHSCORES");
                    default -> type;
                };
                if (type.equals("none")) {
                    continue; // expired between SCAN and TYPE
                }
                out.put(db + ":" + key, List.of(type, value, c.call("PEXPIRETIME", key)));
            }
        }
        c.call("SELECT", 0);
        return out;
    }

    private static Map<String, String> pairs(List<?> flat) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < flat.size(); i += 2) {
            map.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return map;
    }
}
