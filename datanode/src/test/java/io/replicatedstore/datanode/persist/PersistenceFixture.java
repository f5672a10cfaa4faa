package io.replicatedstore.datanode.persist;

import io.replicatedstore.datanode.testing.RespClient;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A dataset of every type and encoding, with TTLs, in two databases; and reading one back through RESP. */
final class PersistenceFixture {

    static final long FAR_EXPIRY = System.currentTimeMillis() + 3_600_000;

    private PersistenceFixture() {
    }

    static void populate(RespClient c) {
        ok(c.call("SELECT", "0"));
        ok(c.call("SET", "str", "hello"));
        ok(c.call("SET", "int", "12345"));
        ok(c.call("SET", "neg", "-9000000000"));
        ok(c.call("SET", "long", "a".repeat(1000)));
        ok(c.call("SET", "ttl", "v", "PXAT", Long.toString(FAR_EXPIRY)));
        c.call("RPUSH", "list", "a", "b", "c", "1", "2", "3");
        List<Object> args = new ArrayList<>(List.of("RPUSH", "biglist"));
        for (int i = 0; i < 1000; i++) {
            args.add("element-" + i);
        }
        c.call(args.toArray());
        c.call("SADD", "intset", "1", "2", "3", "-7");
        c.call("SADD", "set", "a", "b", "c");
        args = new ArrayList<>(List.of("SADD", "bigset"));
        for (int i = 0; i < 1000; i++) {
            args.add("member-" + i);
        }
        c.call(args.toArray());
        c.call("HSET", "hash", "f1", "v1", "f2", "v2");
        args = new ArrayList<>(List.of("HSET", "bighash"));
        for (int i = 0; i < 600; i++) {
            args.add("field-" + i);
            args.add("value-" + i);
        }
        c.call(args.toArray());
        c.call("ZADD", "zset", "1", "a", "2.5", "b", "-3", "c");
        args = new ArrayList<>(List.of("ZADD", "bigzset"));
        for (int i = 0; i < 200; i++) {
            args.add(Double.toString(i * 1.5));
            args.add("m-" + i);
        }
        c.call(args.toArray());
        c.call("HSET", "ttlhash", "f", "v");
        c.call("PEXPIREAT", "ttlhash", Long.toString(FAR_EXPIRY + 1234));
        ok(c.call("SELECT", "3"));
        ok(c.call("SET", "db3key", "x"));
        c.call("RPUSH", "db3list", "x", "y");
        ok(c.call("SELECT", "0"));
    }

    /** Every key of databases 0 and 3 as "db:key" -> [type, value, pexpiretime]. */
    static Map<String, List<Object>> dump(RespClient c) {
        Map<String, List<Object>> all = new TreeMap<>();
        for (int db : new int[] {0, 3}) {
            ok(c.call("SELECT", Integer.toString(db)));
            @SuppressWarnings("unchecked")
            List<Object> keys = (List<Object>) c.call("KEYS", "*");
            for (Object k : keys) {
                String key = (String) k;
                String type = (String) c.call("TYPE", key);
                Object value = switch (type) {
                    case "string" -> c.call("GET", key);
                    case "list" -> c.call("LRANGE", key, "0", "-1");
                    case "set" -> new TreeSet<>((List<?>) c.call("SMEMBERS", key)).toString();
                    case "hash" -> pairs((List<?>) c.call("HGETALL", key));
                    case "zset" -> c.call("ZRANGE", key, "0", "-1", "WITHSCORES");
                    default -> throw new AssertionError("type " + type);
                };
                all.put(db + ":" + key, List.of(type, value, c.call("PEXPIRETIME", key)));
            }
        }
        ok(c.call("SELECT", "0"));
        return all;
    }

    private static Map<Object, Object> pairs(List<?> flat) {
        Map<Object, Object> map = new TreeMap<>();
        for (int i = 0; i < flat.size(); i += 2) {
            map.put(flat.get(i), flat.get(i + 1));
        }
        return map;
    }

    static void ok(Object reply) {
        assertThat(reply).isEqualTo("OK");
    }

    static String info(RespClient c, String field) {
        String text = (String) c.call("INFO", "persistence");
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(field) + ":(.*)\r?$").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + field + " in " + text);
        }
        return m.group(1).trim();
    }

    /** Polls an INFO persistence field until it has the value, for at most {@code millis}. */
    static void awaitInfo(RespClient c, String field, String value, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!info(c, field).equals(value)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(field + " did not become " + value + " within " + millis + " ms: "
                        + c.call("INFO", "persistence"));
            }
            Thread.sleep(20);
        }
    }

    /** RESP encoding of one command, for pipelines sent in bulk. */
    static void encode(ByteArrayOutputStream buf, String... args) {
        buf.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            buf.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            buf.writeBytes(bytes);
            buf.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
