package io.replicatedstore.datanode.persist.rdb;

import io.replicatedstore.datanode.resp.DoubleFormat;
import io.replicatedstore.datanode.store.Bytes;
import io.replicatedstore.datanode.store.HashValue;
import io.replicatedstore.datanode.store.ListValue;
import io.replicatedstore.datanode.store.SetValue;
import io.replicatedstore.datanode.store.ZSetValue;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.replicatedstore.datanode.persist.rdb.RdbConstants.*;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.b;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.encoding;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.hash;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.list;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.s;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.set;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.view;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.zset;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperability with Debian's redis-server 7.0.15, both ways:
 * (a) Redis fills a dump with every type in every encoding it produces (some forced with CONFIG
 * SET and DEBUG QUICKLIST-PACKED-THRESHOLD) and RdbReader must read back exactly what was stored;
 * (b) RdbWriter produces a dump that redis-check-rdb accepts and redis-server loads with deep
 * payload sanitization, and every key has the right value, type, encoding and expiry there.
 */
class RdbRedisInteropIT {

    private static final long FUTURE = System.currentTimeMillis() + 86_400_000L;

    /**
     * One key of the catalogue: where it lives, its value, its expiry, the RDB type Redis 7.0 (and
     * RdbWriter) stores it as, and what OBJECT ENCODING says once Redis has loaded it.
     */
    record Spec(int db, byte[] key, Object value, long expireAt, int rdbType, String encodingAfterLoad) {
        String name() {
            return s(key);
        }
    }

    /** Every type in each encoding, under Redis's default thresholds. */
    private static List<Spec> catalogue() {
        Random rnd = new Random(77);
        List<Spec> out = new ArrayList<>();
        byte[] random = new byte[1000];
        rnd.nextBytes(random);
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        byte[] big = new byte[2 << 20];
        rnd.nextBytes(big);
        System.arraycopy(b("0123456789".repeat(100_000)), 0, big, 0, 1_000_000);

        str(out, "str:int8", b("-5"), "int");
        str(out, "str:int16", b("1234"), "int");
        str(out, "str:int32", b("-123456789"), "int");
        str(out, "str:int64", b("1234567890123456789"), "int");
        str(out, "str:noncanonical", b("0123"), "embstr");
        str(out, "str:empty", b(""), "embstr");
        str(out, "str:short", b("hello world"), "embstr");
        str(out, "str:44", b("x".repeat(44)), "embstr");
        str(out, "str:45", b("x".repeat(45)), "raw");
        str(out, "str:lzf", b("abc".repeat(200)), "raw");
        str(out, "str:random", random, "raw");
        str(out, "str:allbytes", allBytes, "raw");
        str(out, "str:big", big, "raw");
        out.add(new Spec(0, b("str:ttl"), b("v"), FUTURE, TYPE_STRING, "embstr"));
        out.add(new Spec(0, new byte[] {0, (byte) 0xff, ' ', 'k'}, b("binary key"), FUTURE + 1, TYPE_STRING, "embstr"));

        List<byte[]> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(b(i % 3 == 0 ? Integer.toString(i * 1001 - 50_000) : "element-" + i));
        }
        out.add(new Spec(0, b("list:small"), list("a", "1", "-1", "100000", "9223372036854775807", "", s(allBytes)),
                -1, TYPE_LIST_QUICKLIST_2, "quicklist"));
        out.add(new Spec(0, b("list:many"), list(many), FUTURE + 2, TYPE_LIST_QUICKLIST_2, "quicklist"));
        out.add(new Spec(0, b("list:bigelements"), list("x".repeat(10_000), "y", "z".repeat(9000), "w".repeat(900)),
                -1, TYPE_LIST_QUICKLIST_2, "quicklist"));
        out.add(new Spec(0, b("list:huge"), list("a", s(big).substring(0, 1_500_000), "b"), -1, TYPE_LIST_QUICKLIST_2, "quicklist"));

        out.add(new Spec(0, b("set:int16"), set("1", "2", "3", "-5"), -1, TYPE_SET_INTSET, "intset"));
        out.add(new Spec(0, b("set:int32"), set("1", "100000", "-2147483648"), -1, TYPE_SET_INTSET, "intset"));
        out.add(new Spec(0, b("set:int64"), set("1", "9223372036854775807", "-9223372036854775808"), FUTURE + 3,
                TYPE_SET_INTSET, "intset"));
        out.add(new Spec(0, b("set:512"), intSet(512), -1, TYPE_SET_INTSET, "intset"));
        out.add(new Spec(0, b("set:513"), intSet(513), -1, TYPE_SET, "hashtable"));
        out.add(new Spec(0, b("set:strings"), set("a", "b", "1", ""), -1, TYPE_SET, "hashtable"));
        out.add(new Spec(0, b("set:binary"), set(s(random), s(allBytes), "\0"), -1, TYPE_SET, "hashtable"));

        out.add(new Spec(0, b("hash:small"), hash("a", "1", "b", "-70000", "c", "", "", "empty field"), -1,
                TYPE_HASH_LISTPACK, "listpack"));
        out.add(new Spec(0, b("hash:512"), bigHash(512, 10), FUTURE + 4, TYPE_HASH_LISTPACK, "listpack"));
        out.add(new Spec(0, b("hash:513"), bigHash(513, 10), -1, TYPE_HASH, "hashtable"));
        out.add(new Spec(0, b("hash:value64"), hash("f", "v".repeat(64)), -1, TYPE_HASH_LISTPACK, "listpack"));
        out.add(new Spec(0, b("hash:value65"), hash("f", "v".repeat(65)), -1, TYPE_HASH, "hashtable"));
        out.add(new Spec(0, b("hash:field65"), hash("f".repeat(65), "v"), -1, TYPE_HASH, "hashtable"));
        out.add(new Spec(0, b("hash:binary"), hash("\0\u00ff", "\r\n\0", "k", s(allBytes).substring(0, 60)), -1,
                TYPE_HASH_LISTPACK, "listpack"));
        out.add(new Spec(0, b("hash:bigvalue"), hash("f", s(big).substring(0, 1_200_000)), -1, TYPE_HASH, "hashtable"));

        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("one", 1.0);
        scores.put("half", 1.5);
        scores.put("neg", -2.25);
        scores.put("inf", Double.POSITIVE_INFINITY);
        scores.put("-inf", Double.NEGATIVE_INFINITY);
        scores.put("tenth", 0.1);
        scores.put("third", 1.0 / 3);
        scores.put("huge", 1e300);
        scores.put("tiny", 5e-324);
        scores.put("2^62", Math.pow(2, 62));
        scores.put("2^63", Math.pow(2, 63));
        scores.put("frac", 123456789.125);
        scores.put("", 0.0);
        out.add(new Spec(0, b("zset:small"), zset(scores), -1, TYPE_ZSET_LISTPACK, "listpack"));
        out.add(new Spec(0, b("zset:128"), bigZSet(128), -1, TYPE_ZSET_LISTPACK, "listpack"));
        out.add(new Spec(0, b("zset:129"), bigZSet(129), FUTURE + 5, TYPE_ZSET_2, "skiplist"));
        out.add(new Spec(0, b("zset:member64"), zset(Map.of("m".repeat(64), 2.0, "x", 1.0)), -1, TYPE_ZSET_LISTPACK, "listpack"));
        out.add(new Spec(0, b("zset:member65"), zset(Map.of("m".repeat(65), 2.0, "x", 1.0)), -1, TYPE_ZSET_2, "skiplist"));
        out.add(new Spec(0, b("zset:binary"), zset(Map.of("\0\u00ff", 2.0, s(allBytes), 3.5)), -1, TYPE_ZSET_2, "skiplist"));

        out.add(new Spec(1, b("db1:string"), b("in db 1"), FUTURE + 6, TYPE_STRING, "embstr"));
        out.add(new Spec(1, b("db1:hash"), hash("a", "b"), -1, TYPE_HASH_LISTPACK, "listpack"));
        out.add(new Spec(15, b("db15:list"), list("x", "y", "z"), -1, TYPE_LIST_QUICKLIST_2, "quicklist"));
        return out;
    }

    private static void str(List<Spec> out, String key, byte[] value, String encoding) {
        out.add(new Spec(0, b(key), value, -1, TYPE_STRING, encoding));
    }

    private static SetValue intSet(int n) {
        SetValue set = new SetValue();
        for (int i = 0; i < n; i++) {
            set.add(b(Integer.toString(i * 7919 - 1_000_000)));
        }
        return set;
    }

    private static HashValue bigHash(int n, int valueLength) {
        HashValue h = new HashValue();
        for (int i = 0; i < n; i++) {
            h.put(b("field:" + i), b(Integer.toString(i).repeat(valueLength).substring(0, valueLength)));
        }
        return h;
    }

    private static ZSetValue bigZSet(int n) {
        ZSetValue z = new ZSetValue();
        for (int i = 0; i < n; i++) {
            z.put(b("member:" + i), (i % 17) / 4.0 - 2);
        }
        return z;
    }

    // ---- (a) Redis writes, RdbReader reads -------------------------------------------------

    @Test
    void readsWhatRedisSaves(@TempDir Path dir) throws Exception {
        List<Spec> specs = new ArrayList<>(catalogue());
        Random rnd = new Random(5);
        byte[] plainElement = new byte[1500];
        rnd.nextBytes(plainElement);
        try (ServerProcess redis = ServerProcess.redis("--dir", dir.toString(), "--dbfilename", "x.rdb",
                "--enable-debug-command", "yes");
             BinaryRespClient c = new BinaryRespClient(redis.port())) {
            for (Spec spec : specs) {
                store(c, spec);
            }
            // Encodings only other settings produce: count-limited nodes, PLAIN nodes, and
            // listpacks/intsets bigger than the defaults allow (converted when loaded again).
            c.call("CONFIG", "SET", "list-max-listpack-size", "5");
            specs.add(store(c, new Spec(0, b("a:fill5"), list(numbers(32)), -1, TYPE_LIST_QUICKLIST_2, "quicklist")));
            c.call("CONFIG", "SET", "list-max-listpack-size", "-2");
            c.call("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "1000");
            specs.add(store(c, new Spec(0, b("a:plain"), list("a", "P".repeat(2000), "b", s(plainElement)), -1,
                    TYPE_LIST_QUICKLIST_2, "quicklist")));
            c.call("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "1073741824");
            c.call("CONFIG", "SET", "set-max-intset-entries", "1000");
            c.call("CONFIG", "SET", "hash-max-listpack-entries", "1000");
            c.call("CONFIG", "SET", "hash-max-listpack-value", "200");
            c.call("CONFIG", "SET", "zset-max-listpack-entries", "1000");
            c.call("CONFIG", "SET", "zset-max-listpack-value", "200");
            specs.add(store(c, new Spec(0, b("a:intset600"), intSet(600), -1, TYPE_SET_INTSET, "hashtable")));
            specs.add(store(c, new Spec(0, b("a:hash600"), bigHash(600, 100), -1, TYPE_HASH_LISTPACK, "hashtable")));
            specs.add(store(c, new Spec(0, b("a:hashlongvalues"), bigHash(3, 150), -1, TYPE_HASH_LISTPACK, "listpack")));
            specs.add(store(c, new Spec(0, b("a:zset200"), bigZSet(200), -1, TYPE_ZSET_LISTPACK, "skiplist")));
            specs.add(store(c, new Spec(0, b("a:zsetlongmember"), zset(Map.of("m".repeat(100), 1.0)), -1,
                    TYPE_ZSET_LISTPACK, "listpack")));
            for (String limit : List.of("set-max-intset-entries 512", "hash-max-listpack-entries 512",
                    "hash-max-listpack-value 64", "zset-max-listpack-entries 128", "zset-max-listpack-value 64")) {
                String[] kv = limit.split(" ");
                c.call("CONFIG", "SET", kv[0], kv[1]);
            }

            Path rdb = dir.resolve("x.rdb");
            for (String compression : List.of("yes", "no")) {
                c.call("CONFIG", "SET", "rdbcompression", compression);
                assertThat(c.call("SAVE")).isEqualTo("OK");
                RdbTestValues.Collector loaded = new RdbTestValues.Collector();
                RdbReader reader = new RdbReader(Files.newInputStream(rdb), Files.size(rdb), EncodingLimits.DEFAULTS);
                loaded.reader = reader;
                reader.read(loaded);
                assertThat(reader.version()).isEqualTo(10);
                assertThat(loaded.aux).containsEntry("redis-ver", "7.0.15").containsKey("ctime").containsKey("used-mem");
                assertThat(loaded.entries).hasSameSizeAs(specs);
                for (Spec spec : specs) {
                    RdbTestValues.Loaded l = loaded.get(spec.db(), spec.name());
                    assertThat(l).as(spec.name()).isNotNull();
                    assertThat(view(l.value())).as(spec.name()).isEqualTo(view(spec.value()));
                    assertThat(l.expireAt()).as(spec.name()).isEqualTo(spec.expireAt());
                    assertThat(l.rdbType()).as(spec.name() + " type").isEqualTo(spec.rdbType());
                    if (!(spec.value() instanceof ListValue) && !(spec.value() instanceof byte[])) {
                        assertThat(encoding(l.value(), -2)).as(spec.name() + " encoding").isEqualTo(spec.encodingAfterLoad());
                    }
                }
                // Node shapes as Redis made them: PLAIN nodes for big elements, 5-entry nodes...
                RdbDump dump = RdbDump.of(Files.readAllBytes(rdb));
                assertThat(dump.key("a:plain").nodes()).extracting(RdbDump.Node::container).containsExactly(
                        QUICKLIST_NODE_PACKED, QUICKLIST_NODE_PLAIN, QUICKLIST_NODE_PACKED, QUICKLIST_NODE_PLAIN);
                assertThat(dump.key("a:fill5").nodes()).hasSize(7);
                // ...and RdbWriter cuts nodes exactly where Redis did.
                for (String key : List.of("list:many", "list:bigelements", "list:small", "list:huge")) {
                    Spec spec = specs.stream().filter(x -> x.name().equals(key)).findFirst().orElseThrow();
                    assertThat(nodeSizes(writerDump(spec, EncodingLimits.DEFAULTS, true).key(key)))
                            .as(key + " nodes").isEqualTo(nodeSizes(dump.key(key)));
                }
                if (compression.equals("no")) {
                    // Without LZF (whose output differs from liblzf's) RdbWriter writes every key
                    // byte for byte as Redis does, except hash-table sets and hashes, whose order
                    // is Redis's dict order.
                    for (Spec spec : specs) {
                        if (spec.rdbType() == TYPE_SET || spec.rdbType() == TYPE_HASH) {
                            continue;
                        }
                        EncodingLimits limits = CREATION_LIMITS.getOrDefault(spec.name(), EncodingLimits.DEFAULTS);
                        assertThat(writerDump(spec, limits, false).key(spec.name()).raw()).as(spec.name() + " bytes")
                                .isEqualTo(dump.key(spec.name()).raw());
                    }
                }
            }
        }

        // What Redis reports after loading that dump is what our values report.
        try (ServerProcess again = ServerProcess.redis("--dir", dir.toString(), "--dbfilename", "x.rdb");
             BinaryRespClient c = new BinaryRespClient(again.port())) {
            for (Spec spec : specs) {
                c.call("SELECT", spec.db());
                assertThat(s((byte[]) c.call("OBJECT", "ENCODING", spec.key()))).as(spec.name())
                        .isEqualTo(spec.encodingAfterLoad());
            }
        }
    }

    private static String[] numbers(int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = "n" + i;
        }
        return out;
    }

    private static List<Integer> nodeSizes(RdbDump.Key key) {
        List<Integer> sizes = new ArrayList<>();
        for (RdbDump.Node node : key.nodes()) {
            sizes.add(node.data().length * (node.container() == QUICKLIST_NODE_PLAIN ? -1 : 1));
        }
        return sizes;
    }

    /** The limits Redis had when it built the a:* keys (the others were built with the defaults). */
    private static final Map<String, EncodingLimits> CREATION_LIMITS = Map.of(
            "a:fill5", EncodingLimits.DEFAULTS.withListMaxListpackSize(5),
            "a:plain", EncodingLimits.DEFAULTS.withListPackedThreshold(1000),
            "a:intset600", EncodingLimits.DEFAULTS.withSetMaxIntsetEntries(1000),
            "a:hash600", EncodingLimits.DEFAULTS.withHash(1000, 200),
            "a:hashlongvalues", EncodingLimits.DEFAULTS.withHash(1000, 200),
            "a:zset200", EncodingLimits.DEFAULTS.withZset(1000, 200),
            "a:zsetlongmember", EncodingLimits.DEFAULTS.withZset(1000, 200));

    private static RdbDump writerDump(Spec spec, EncodingLimits limits, boolean compression) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        RdbWriter w = new RdbWriter(bytes, RdbWriteOptions.defaults(RdbWriteOptions.Aux.of(0, 0)).withLimits(limits)
                .withCompression(compression));
        w.writeKey(spec.key(), spec.value(), spec.expireAt());
        w.finish();
        return RdbDump.of(bytes.toByteArray());
    }

    // ---- (b) RdbWriter writes, Redis loads -------------------------------------------------

    @Test
    void redisLoadsWhatRdbWriterWrites(@TempDir Path dir) throws Exception {
        List<Spec> specs = new ArrayList<>(catalogue());
        // PLAIN nodes: with a 1000-byte packed threshold the big list elements get nodes of their own.
        EncodingLimits limits = EncodingLimits.DEFAULTS.withListPackedThreshold(1000);
        specs.add(new Spec(0, b("b:plain"), list("a", "P".repeat(2000), "b", "c", "Q".repeat(1000), "R".repeat(999)), -1,
                TYPE_LIST_QUICKLIST_2, "quicklist"));
        specs.add(new Spec(0, b("b:pastexpiry"), b("kept?"), 1000, TYPE_STRING, "embstr"));
        int variant = 0;
        for (boolean compressAndChecksum : new boolean[] {true, false}) {
            Path sub = Files.createDirectories(dir.resolve("v" + variant++));
            Path file = sub.resolve("x.rdb");
            RdbWriteOptions options = new RdbWriteOptions(compressAndChecksum, compressAndChecksum, limits,
                    RdbWriteOptions.Aux.of(System.currentTimeMillis() / 1000, 1 << 20));
            writeRdb(file, options, specs);

            RdbDump dump = RdbDump.of(Files.readAllBytes(file));
            for (Spec spec : specs) {
                assertThat(dump.key(spec.name()).type()).as(spec.name() + " type").isEqualTo(spec.rdbType());
            }
            assertThat(dump.key("b:plain").nodes()).extracting(RdbDump.Node::container).containsExactly(
                    QUICKLIST_NODE_PACKED, QUICKLIST_NODE_PLAIN, QUICKLIST_NODE_PACKED, QUICKLIST_NODE_PLAIN,
                    QUICKLIST_NODE_PACKED);

            checkWithRedisCheckRdb(file);

            try (ServerProcess redis = ServerProcess.redis("--dir", sub.toString(), "--dbfilename", "x.rdb",
                    "--sanitize-dump-payload", "yes", "--enable-debug-command", "yes");
                 BinaryRespClient c = new BinaryRespClient(redis.port())) {
                assertThat(redis.logTail()).contains("DB loaded from disk");
                // The key that expired long ago is dropped by a loading master, as Redis does.
                specs.removeIf(spec -> spec.name().equals("b:pastexpiry"));
                Map<Integer, Integer> perDb = new HashMap<>();
                for (Spec spec : specs) {
                    perDb.merge(spec.db(), 1, Integer::sum);
                    c.call("SELECT", spec.db());
                    String name = spec.name();
                    assertThat(s((byte[]) c.call("OBJECT", "ENCODING", spec.key()))).as(name + " encoding")
                            .isEqualTo(spec.encodingAfterLoad());
                    assertThat(view(fetch(c, spec.key()))).as(name).isEqualTo(view(spec.value()));
                    assertThat(c.call("PEXPIRETIME", spec.key())).as(name + " expiry").isEqualTo(spec.expireAt());
                }
                perDb.forEach((db, n) -> {
                    c.call("SELECT", db);
                    assertThat(c.call("DBSIZE")).as("db " + db).isEqualTo((long) n);
                });
                // Node shapes: a list pushed element by element in Redis has the same nodes.
                c.call("SELECT", 0);
                c.call("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "1000");
                for (Spec spec : specs) {
                    if (spec.db() == 0 && spec.value() instanceof ListValue l) {
                        byte[] copy = b("copy:" + spec.name());
                        pushAll(c, copy, l);
                        assertThat(qlNodes(c, spec.key())).as(spec.name() + " ql_nodes").isEqualTo(qlNodes(c, copy));
                        c.call("DEL", copy);
                    }
                }
            }
            specs.add(new Spec(0, b("b:pastexpiry"), b("kept?"), 1000, TYPE_STRING, "embstr"));
        }
    }

    private static void writeRdb(Path file, RdbWriteOptions options, List<Spec> specs) throws IOException {
        Map<Integer, List<Spec>> byDb = new java.util.TreeMap<>();
        for (Spec spec : specs) {
            byDb.computeIfAbsent(spec.db(), k -> new ArrayList<>()).add(spec);
        }
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            RdbWriter w = new RdbWriter(out, options);
            for (Map.Entry<Integer, List<Spec>> db : byDb.entrySet()) {
                List<Spec> keys = db.getValue();
                w.startDatabase(db.getKey(), keys.size(), keys.stream().filter(k -> k.expireAt() != -1).count());
                for (Spec spec : keys) {
                    w.writeKey(spec.key(), spec.value(), spec.expireAt());
                }
            }
            w.finish();
        }
    }

    /** Redis's own checker, which validates every payload deeply. */
    private static void checkWithRedisCheckRdb(Path file) throws Exception {
        Process p = new ProcessBuilder(ServerProcess.findOnPath("redis-check-rdb"), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("RDB looks OK");
    }

    private static long qlNodes(BinaryRespClient c, byte[] key) {
        Object reply = c.call("DEBUG", "OBJECT", key); // a status reply
        String info = reply instanceof byte[] bytes ? s(bytes) : String.valueOf(reply);
        Matcher m = Pattern.compile("ql_nodes:(\\d+)").matcher(info);
        assertThat(m.find()).as(info).isTrue();
        return Long.parseLong(m.group(1));
    }

    // ---- talking to Redis ------------------------------------------------------------------

    /** Stores a spec's value (and expiry) in Redis with ordinary commands. */
    private static Spec store(BinaryRespClient c, Spec spec) {
        c.call("SELECT", spec.db());
        c.call("DEL", spec.key());
        Object value = spec.value();
        if (value instanceof byte[] s) {
            c.call("SET", spec.key(), s);
        } else if (value instanceof ListValue l) {
            pushAll(c, spec.key(), l);
        } else if (value instanceof SetValue set) {
            List<Object> args = new ArrayList<>();
            set.forEach(args::add);
            batched(c, "SADD", spec.key(), args, 1);
        } else if (value instanceof HashValue h) {
            List<Object> args = new ArrayList<>();
            h.forEach((f, v) -> {
                args.add(f);
                args.add(v);
            });
            batched(c, "HSET", spec.key(), args, 2);
        } else {
            List<Object> args = new ArrayList<>();
            ((ZSetValue) value).forEach((m, score) -> {
                args.add(DoubleFormat.reply(score));
                args.add(m);
            });
            batched(c, "ZADD", spec.key(), args, 2);
        }
        if (spec.expireAt() != -1) {
            c.call("PEXPIREAT", spec.key(), spec.expireAt());
        }
        return spec;
    }

    private static void pushAll(BinaryRespClient c, byte[] key, ListValue list) {
        List<Object> args = new ArrayList<>();
        list.forEach(args::add);
        batched(c, "RPUSH", key, args, 1);
    }

    private static void batched(BinaryRespClient c, String command, byte[] key, List<Object> args, int group) {
        int step = 500 * group;
        for (int i = 0; i < args.size(); i += step) {
            List<Object> call = new ArrayList<>();
            call.add(command);
            call.add(key);
            call.addAll(args.subList(i, Math.min(args.size(), i + step)));
            c.call(call.toArray());
        }
    }

    /** Reads a key back from Redis as one of our value classes. */
    @SuppressWarnings("unchecked")
    private static Object fetch(BinaryRespClient c, byte[] key) {
        String type = (String) c.call("TYPE", key);
        switch (type) {
            case "string":
                return c.call("GET", key);
            case "list":
                return list((List<byte[]>) (List<?>) c.call("LRANGE", key, 0, -1));
            case "set": {
                SetValue set = new SetValue();
                ((List<Object>) c.call("SMEMBERS", key)).forEach(m -> set.add((byte[]) m));
                return set;
            }
            case "hash": {
                List<Object> kv = (List<Object>) c.call("HGETALL", key);
                HashValue h = new HashValue();
                for (int i = 0; i < kv.size(); i += 2) {
                    h.put((byte[]) kv.get(i), (byte[]) kv.get(i + 1));
                }
                return h;
            }
            case "zset": {
                List<Object> ms = (List<Object>) c.call("ZRANGE", key, 0, -1, "WITHSCORES");
                ZSetValue z = new ZSetValue();
                for (int i = 0; i < ms.size(); i += 2) {
                    Double score = Scores.parse((byte[]) ms.get(i + 1));
                    z.put((byte[]) ms.get(i), score);
                }
                return z;
            }
            default:
                throw new AssertionError("unexpected type " + type + " for " + Bytes.of(key));
        }
    }
}
