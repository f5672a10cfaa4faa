package io.replicatedstore.datanode.persist.rdb;

import io.replicatedstore.datanode.store.HashValue;
import io.replicatedstore.datanode.store.ListValue;
import io.replicatedstore.datanode.store.SetValue;
import io.replicatedstore.datanode.store.ZSetValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RdbWriter to RdbReader: every type in each of its encodings, and the stream-level features. */
class RdbRoundTripTest {

    private static final RdbWriteOptions OPTIONS = RdbWriteOptions.defaults(RdbWriteOptions.Aux.of(1_700_000_000L, 123456));

    /** A key to write: name, value, expiry. */
    private record In(String key, Object value, long expireAt) {
        In(String key, Object value) {
            this(key, value, -1);
        }
    }

    private static byte[] write(RdbWriteOptions options, List<In> keys) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbWriter w = new RdbWriter(bytes, options);
        w.startDatabase(0, keys.size(), keys.stream().filter(k -> k.expireAt != -1).count());
        for (In k : keys) {
            w.writeKey(b(k.key), k.value, k.expireAt);
        }
        w.finish();
        assertThat(w.bytesWritten()).isEqualTo(bytes.size());
        return bytes.toByteArray();
    }

    /** Writes, reads back in file mode and socket mode, checks every value; returns the file mode result. */
    private static RdbTestValues.Collector roundTrip(RdbWriteOptions options, List<In> keys) throws IOException {
        byte[] rdb = write(options, keys);
        RdbTestValues.Collector file = RdbTestValues.read(rdb, true, options.limits());
        RdbTestValues.Collector socket = RdbTestValues.read(rdb, false, options.limits());
        for (RdbTestValues.Collector c : List.of(file, socket)) {
            assertThat(c.entries).hasSize(keys.size());
            for (In k : keys) {
                RdbTestValues.Loaded l = c.get(k.key);
                assertThat(l).as(k.key).isNotNull();
                assertThat(view(l.value())).as(k.key).isEqualTo(view(k.value));
                assertThat(l.expireAt()).as(k.key).isEqualTo(k.expireAt);
            }
        }
        return file;
    }

    private static RdbTestValues.Collector roundTrip(List<In> keys) throws IOException {
        return roundTrip(OPTIONS, keys);
    }

    @Test
    void stringsInEveryEncoding() throws IOException {
        byte[] random = new byte[1000];
        new Random(1).nextBytes(random);
        List<In> keys = List.of(
                new In("int8", b("-128")), new In("int16", b("32767")), new In("int32", b("-2147483648")),
                new In("int64", b("9223372036854775807")), new In("notcanonical", b("0012")),
                new In("empty", b("")), new In("short", b("hello")),
                new In("compressible", b("abc".repeat(50))), new In("random", random),
                new In("binary", new byte[] {0, -1, 13, 10, 0, 127, -128}));
        RdbTestValues.Collector c = roundTrip(keys);
        for (In k : keys) {
            assertThat(c.get(k.key).rdbType()).isEqualTo(TYPE_STRING);
        }
        RdbDump dump = RdbDump.of(write(OPTIONS, keys));
        assertThat(dump.key("int8").blob()).isEqualTo(b("-128")); // RdbDump decodes: the form is checked in RdbPrimitivesTest
    }

    @Test
    void listsAreQuicklistsOfListpackNodesSizedLikeRedis() throws IOException {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(i % 3 == 0 ? Integer.toString(i * 1000 - 7) : "element-" + i);
        }
        List<In> keys = List.of(
                new In("small", list("a", "1", "-1", "100000", "9223372036854775807", "")),
                new In("many", list(many.toArray(new String[0]))),
                new In("bigelements", list("x".repeat(10_000), "y", "z".repeat(9000))));
        RdbTestValues.Collector c = roundTrip(keys);
        assertThat(c.get("small").rdbType()).isEqualTo(TYPE_LIST_QUICKLIST_2);
        RdbDump dump = RdbDump.of(write(OPTIONS, keys));
        assertThat(dump.key("small").nodes()).hasSize(1);
        List<RdbDump.Node> nodes = dump.key("many").nodes();
        assertThat(nodes.size()).isGreaterThan(5);
        for (RdbDump.Node node : nodes) {
            assertThat(node.container()).isEqualTo(QUICKLIST_NODE_PACKED);
            assertThat(node.data().length).isLessThanOrEqualTo(8192);
        }
        // Nodes are full: each but the last could not take its successor's first element.
        int total = nodes.stream().mapToInt(n -> n.data().length).sum();
        assertThat(total / nodes.size()).isGreaterThan(7000);
        // An element bigger than the budget gets a node of its own; small ones share.
        assertThat(dump.key("bigelements").nodes()).hasSize(3);
    }

    @ParameterizedTest
    @CsvSource({"-1,4096", "-2,8192", "-3,16384", "-4,32768", "-5,65536"})
    void negativeListSizesAreByteBudgets(int fill, int budget) throws IOException {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add("e" + i);
        }
        RdbWriteOptions options = OPTIONS.withLimits(EncodingLimits.DEFAULTS.withListMaxListpackSize(fill));
        List<In> keys = List.of(new In("l", list(many.toArray(new String[0]))));
        roundTrip(options, keys);
        List<RdbDump.Node> nodes = RdbDump.of(write(options, keys)).key("l").nodes();
        for (RdbDump.Node node : nodes.subList(0, nodes.size() - 1)) {
            // Full: the next element (about 8 bytes, plus Redis's 8-byte estimate) did not fit.
            assertThat(node.data().length).isLessThanOrEqualTo(budget).isGreaterThan(budget - 24);
        }
        assertThat(nodes.get(nodes.size() - 1).data().length).isLessThanOrEqualTo(budget);
    }

    @Test
    void positiveListSizesCountEntries() throws Exception {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add("e" + i);
        }
        RdbWriteOptions options = OPTIONS.withLimits(EncodingLimits.DEFAULTS.withListMaxListpackSize(7));
        List<In> keys = List.of(new In("l", list(many.toArray(new String[0]))));
        roundTrip(options, keys);
        List<RdbDump.Node> nodes = RdbDump.of(write(options, keys)).key("l").nodes();
        assertThat(nodes).hasSize(1000 / 7 + 1);
        assertThat(ListpackDecoder.decode(nodes.get(0).data())).hasSize(7);
    }

    @Test
    void elementsOverThePackedThresholdGetPlainNodes() throws IOException {
        RdbWriteOptions options = OPTIONS.withLimits(EncodingLimits.DEFAULTS.withListPackedThreshold(100));
        List<In> keys = List.of(new In("l", list("a", "b", "p".repeat(100), "c", "q".repeat(500), "r".repeat(200), "d")));
        roundTrip(options, keys);
        List<RdbDump.Node> nodes = RdbDump.of(write(options, keys)).key("l").nodes();
        assertThat(nodes).extracting(RdbDump.Node::container).containsExactly(
                QUICKLIST_NODE_PACKED, QUICKLIST_NODE_PLAIN, QUICKLIST_NODE_PACKED, QUICKLIST_NODE_PLAIN,
                QUICKLIST_NODE_PLAIN, QUICKLIST_NODE_PACKED);
        assertThat(s(nodes.get(1).data())).isEqualTo("p".repeat(100));
    }

    @Test
    void setsAreIntsetsWhileSmallAndAllIntegers() throws IOException {
        SetValue atLimit = new SetValue();
        SetValue overLimit = new SetValue();
        for (int i = 0; i < 513; i++) {
            if (i < 512) {
                atLimit.add(b(Integer.toString(i * 37 - 5000)));
            }
            overLimit.add(b(Integer.toString(i)));
        }
        List<In> keys = List.of(
                new In("int16", set("1", "-5", "32767")),
                new In("int32", set("1", "40000", "-2147483648")),
                new In("int64", set("1", "9223372036854775807", "-9223372036854775808")),
                new In("atlimit", atLimit), new In("overlimit", overLimit),
                new In("strings", set("a", "1", "b")),
                new In("noncanonical", set("01", "2")), new In("minuszero", set("-0")));
        RdbTestValues.Collector c = roundTrip(keys);
        Map<String, Integer> types = Map.of("int16", TYPE_SET_INTSET, "int32", TYPE_SET_INTSET,
                "int64", TYPE_SET_INTSET, "atlimit", TYPE_SET_INTSET, "overlimit", TYPE_SET,
                "strings", TYPE_SET, "noncanonical", TYPE_SET, "minuszero", TYPE_SET);
        types.forEach((k, t) -> assertThat(c.get(k).rdbType()).as(k).isEqualTo(t));
        assertThat(encoding(c.get("atlimit").value(), -2)).isEqualTo("intset");
        assertThat(encoding(c.get("overlimit").value(), -2)).isEqualTo("hashtable");
        assertThat(encoding(c.get("strings").value(), -2)).isEqualTo("hashtable");
        RdbDump dump = RdbDump.of(write(OPTIONS, keys));
        assertThat(dump.key("int16").blob()).hasSize(8 + 3 * 2);
        assertThat(dump.key("int32").blob()).hasSize(8 + 3 * 4);
        assertThat(dump.key("int64").blob()).hasSize(8 + 3 * 8);
    }

    @Test
    void hashesAreListpacksWhileSmall() throws IOException {
        HashValue atLimit = new HashValue();
        HashValue overLimit = new HashValue();
        for (int i = 0; i < 513; i++) {
            if (i < 512) {
                atLimit.put(b("f" + i), b(Integer.toString(i)));
            }
            overLimit.put(b("f" + i), b("v" + i));
        }
        List<In> keys = List.of(
                new In("small", hash("a", "1", "b", "", "", "x", "n", "-70000")),
                new In("atlimit", atLimit), new In("overlimit", overLimit),
                new In("value64", hash("f", "v".repeat(64))), new In("value65", hash("f", "v".repeat(65))),
                new In("field65", hash("f".repeat(65), "v")));
        RdbTestValues.Collector c = roundTrip(keys);
        Map<String, Integer> types = Map.of("small", TYPE_HASH_LISTPACK, "atlimit", TYPE_HASH_LISTPACK,
                "overlimit", TYPE_HASH, "value64", TYPE_HASH_LISTPACK, "value65", TYPE_HASH, "field65", TYPE_HASH);
        types.forEach((k, t) -> assertThat(c.get(k).rdbType()).as(k).isEqualTo(t));
        types.forEach((k, t) -> assertThat(encoding(c.get(k).value(), -2)).as(k)
                .isEqualTo(t == TYPE_HASH ? "hashtable" : "listpack"));
        // Field order survives for listpacks (Redis iterates them in insertion order).
        List<String> fields = new ArrayList<>();
        ((HashValue) c.get("small").value()).forEach((f, v) -> fields.add(s(f)));
        assertThat(fields).containsExactly("a", "b", "", "n");
    }

    @Test
    void sortedSetsAreListpacksWhileSmall() throws IOException {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("int", 42.0);
        scores.put("neg", -7.0);
        scores.put("frac", 0.1);
        scores.put("third", 1.0 / 3);
        scores.put("inf", Double.POSITIVE_INFINITY);
        scores.put("-inf", Double.NEGATIVE_INFINITY);
        scores.put("tiny", Double.MIN_VALUE);
        scores.put("huge", 1e300);
        scores.put("2^62", Math.pow(2, 62));
        scores.put("2^63", Math.pow(2, 63));
        scores.put("big", 123456789012345678.0);
        scores.put("", 3.0);
        ZSetValue overLimit = new ZSetValue();
        ZSetValue atLimit = new ZSetValue();
        for (int i = 0; i < 129; i++) {
            if (i < 128) {
                atLimit.put(b("m" + i), i / 7.0);
            }
            overLimit.put(b("m" + i), i % 10);
        }
        List<In> keys = List.of(
                new In("scores", zset(scores)),
                new In("atlimit", atLimit), new In("overlimit", overLimit),
                new In("member64", zset(Map.of("m".repeat(64), 1.0))),
                new In("member65", zset(Map.of("m".repeat(65), 1.0))));
        RdbTestValues.Collector c = roundTrip(keys);
        Map<String, Integer> types = Map.of("scores", TYPE_ZSET_LISTPACK, "atlimit", TYPE_ZSET_LISTPACK,
                "overlimit", TYPE_ZSET_2, "member64", TYPE_ZSET_LISTPACK, "member65", TYPE_ZSET_2);
        types.forEach((k, t) -> assertThat(c.get(k).rdbType()).as(k).isEqualTo(t));
        types.forEach((k, t) -> assertThat(encoding(c.get(k).value(), -2)).as(k)
                .isEqualTo(t == TYPE_ZSET_2 ? "skiplist" : "listpack"));
    }

    @Test
    void negativeZeroScoresStayNegativeOnlyInBinaryForm() throws IOException {
        RdbWriteOptions tiny = OPTIONS.withLimits(EncodingLimits.DEFAULTS.withZset(0, 64));
        byte[] skiplist = write(tiny, List.of(new In("z", zset(Map.of("a", -0.0)))));
        assertThat(Double.doubleToRawLongBits(((ZSetValue) RdbTestValues.read(skiplist).get("z").value()).score(b("a"))))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        // A listpack stores integral scores as integers, -0.0 as 0, exactly as Redis's zzlInsertAt.
        byte[] listpack = write(OPTIONS, List.of(new In("z", zset(Map.of("a", -0.0)))));
        assertThat(Double.doubleToRawLongBits(((ZSetValue) RdbTestValues.read(listpack).get("z").value()).score(b("a"))))
                .isEqualTo(0L);
    }

    @Test
    void customThresholdsChooseTheEncoding() throws IOException {
        EncodingLimits limits = EncodingLimits.DEFAULTS.withHash(2, 3).withSetMaxIntsetEntries(2).withZset(1, 100);
        RdbWriteOptions options = OPTIONS.withLimits(limits);
        List<In> keys = List.of(
                new In("h2", hash("a", "abc", "b", "1")), new In("h3", hash("a", "1", "b", "2", "c", "3")),
                new In("hv4", hash("a", "abcd")),
                new In("s2", set("1", "2")), new In("s3", set("1", "2", "3")),
                new In("z1", zset(Map.of("a", 1.0))), new In("z2", zset(Map.of("a", 1.0, "b", 2.0))));
        RdbTestValues.Collector c = roundTrip(options, keys);
        assertThat(c.get("h2").rdbType()).isEqualTo(TYPE_HASH_LISTPACK);
        assertThat(c.get("h3").rdbType()).isEqualTo(TYPE_HASH);
        assertThat(c.get("hv4").rdbType()).isEqualTo(TYPE_HASH);
        assertThat(c.get("s2").rdbType()).isEqualTo(TYPE_SET_INTSET);
        assertThat(c.get("s3").rdbType()).isEqualTo(TYPE_SET);
        assertThat(c.get("z1").rdbType()).isEqualTo(TYPE_ZSET_LISTPACK);
        assertThat(c.get("z2").rdbType()).isEqualTo(TYPE_ZSET_2);
    }

    @Test
    void loadedEncodingFollowsTheReadersLimitsAsRedisDoes() throws IOException {
        byte[] rdb = write(OPTIONS, List.of(
                new In("h", hash("a", "1", "b", "2", "c", "x".repeat(60))),
                new In("s", set("1", "2", "3")),
                new In("z", zset(Map.of("a", 1.0, "bbbbbbbbbb", 2.0)))));
        // Stricter limits at load time: too many entries converts; a listpack's long values do not
        // (Redis 7.0 only checks the length of a loaded listpack).
        EncodingLimits strict = EncodingLimits.DEFAULTS.withHash(2, 10).withSetMaxIntsetEntries(2).withZset(5, 3);
        RdbTestValues.Collector c = RdbTestValues.read(rdb, true, strict);
        assertThat(encoding(c.get("h").value(), -2)).isEqualTo("hashtable");
        assertThat(encoding(c.get("s").value(), -2)).isEqualTo("hashtable");
        assertThat(encoding(c.get("z").value(), -2)).isEqualTo("listpack");
        EncodingLimits lenient = EncodingLimits.DEFAULTS.withHash(10, 10);
        assertThat(encoding(RdbTestValues.read(rdb, true, lenient).get("h").value(), -2)).isEqualTo("listpack");
    }

    @Test
    void bigValuesOverAMegabyte() throws IOException {
        Random rnd = new Random(9);
        byte[] random = new byte[3 << 20];
        rnd.nextBytes(random);
        byte[] text = b("0123456789abcdef".repeat(100_000));
        ListValue bigList = list("small", s(random), s(text), "tail");
        HashValue bigHash = hash("f", s(text), "g", "small");
        SetValue bigSet = set(s(text), "1");
        ZSetValue bigZSet = zset(Map.of(s(random), 1.5, "x", 2.0));
        List<In> keys = List.of(new In("random", random), new In("text", text), new In("list", bigList),
                new In("hash", bigHash), new In("set", bigSet), new In("zset", bigZSet));
        for (boolean compression : new boolean[] {true, false}) {
            RdbWriteOptions options = OPTIONS.withCompression(compression);
            roundTrip(options, keys);
            int size = write(options, keys).length;
            if (compression) {
                assertThat(size).isLessThan(3 * random.length + text.length);
            } else {
                assertThat(size).isGreaterThan(3 * random.length + 4 * text.length);
            }
        }
    }

    @Test
    void aHundredThousandKeysWithExpiriesInSeveralDatabases() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbWriter w = new RdbWriter(bytes, OPTIONS);
        long now = 1_700_000_000_000L;
        int[] dbs = {0, 3, 15};
        for (int db : dbs) {
            w.startDatabase(db, 100_000 / dbs.length, 100_000 / dbs.length / 2);
            for (int i = 0; i < 100_000 / dbs.length; i++) {
                String key = "key:" + db + ":" + i;
                Object value = switch (i % 4) {
                    case 0 -> b("value-" + i);
                    case 1 -> b(Integer.toString(i));
                    case 2 -> hash("f", "v" + i);
                    default -> list("a", Integer.toString(i));
                };
                w.writeKey(b(key), value, i % 2 == 0 ? now + i : -1);
            }
        }
        w.finish();
        RdbTestValues.Collector c = RdbTestValues.read(bytes.toByteArray());
        assertThat(c.entries).hasSize(dbs.length * (100_000 / dbs.length));
        assertThat(c.resizes).hasSize(3);
        assertThat(c.resizes.get(1)).containsExactly(3, 33333, 16666);
        for (int db : dbs) {
            for (int i = 0; i < 100_000 / dbs.length; i += 997) {
                RdbTestValues.Loaded l = c.get(db, "key:" + db + ":" + i);
                assertThat(l).isNotNull();
                assertThat(l.expireAt()).isEqualTo(i % 2 == 0 ? now + i : -1);
            }
        }
        assertThat(view(c.get(15, "key:15:6").value())).isEqualTo(new java.util.TreeMap<>(Map.of("f", "v6")));
    }

    @Test
    void expiriesIncludingPastAndFarFuture() throws IOException {
        roundTrip(List.of(new In("past", b("x"), 1), new In("zero", b("x"), 0),
                new In("future", b("x"), 4_102_444_800_000L), new In("far", b("x"), Long.MAX_VALUE),
                new In("none", b("x"), -1), new In("list", list("a"), 1_234_567_890_123L)));
    }

    @Test
    void binaryKeysAndValues() throws IOException {
        Random rnd = new Random(12);
        List<In> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] key = new byte[rnd.nextInt(40)];
            rnd.nextBytes(key);
            key = (s(key) + "#" + i).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            byte[] v = new byte[rnd.nextInt(100)];
            rnd.nextBytes(v);
            Object value = switch (i % 5) {
                case 0 -> v;
                case 1 -> list(s(v), "\0\r\n");
                case 2 -> set(s(v), "\u00ff");
                case 3 -> hash(s(v), s(v) + "!", "\0", "\1");
                default -> zset(Map.of(s(v), 1.0, "\0", 2.0));
            };
            keys.add(new In(s(key), value));
        }
        keys.add(new In("", b("empty key")));
        roundTrip(keys);
    }

    @Test
    void auxFieldsAndDatabases() throws IOException {
        RdbWriteOptions options = OPTIONS.withLimits(EncodingLimits.DEFAULTS);
        RdbWriteOptions.Aux aux = RdbWriteOptions.Aux.of(1_700_000_123L, 999)
                .withReplication(new RdbWriteOptions.Replication(3, "a".repeat(40), 123456789L)).withAofBase(true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbWriter w = new RdbWriter(bytes, new RdbWriteOptions(true, true, options.limits(), aux));
        w.writeAux("extra", "field");
        w.startDatabase(2, 1, 0);
        w.writeKey(b("k"), b("v"), -1);
        w.startDatabase(7, 1, 1);
        w.writeKey(b("k"), b("w"), 5);
        w.finish();
        RdbTestValues.Collector c = RdbTestValues.read(bytes.toByteArray());
        assertThat(c.aux).containsExactly(Map.entry("redis-ver", "7.0.15"), Map.entry("redis-bits", "64"),
                Map.entry("ctime", "1700000123"), Map.entry("used-mem", "999"), Map.entry("repl-stream-db", "3"),
                Map.entry("repl-id", "a".repeat(40)), Map.entry("repl-offset", "123456789"),
                Map.entry("aof-base", "1"), Map.entry("extra", "field"));
        assertThat(s((byte[]) c.get(2, "k").value())).isEqualTo("v");
        assertThat(s((byte[]) c.get(7, "k").value())).isEqualTo("w");
        assertThat(c.get(7, "k").expireAt()).isEqualTo(5);

        RdbTestValues.Collector plain = RdbTestValues.read(write(OPTIONS, List.of(new In("k", b("v")))));
        assertThat(plain.aux.keySet()).containsExactly("redis-ver", "redis-bits", "ctime", "used-mem", "aof-base");
        assertThat(plain.aux.get("aof-base")).isEqualTo("0");
    }

    @Test
    void checksumOffWritesZerosAndIsAccepted() throws IOException {
        byte[] with = write(OPTIONS, List.of(new In("k", b("v"))));
        byte[] without = write(OPTIONS.withChecksum(false), List.of(new In("k", b("v"))));
        assertThat(RdbDump.of(with).trailer).isEqualTo(Crc64.update(0, with, 0, with.length - 8));
        assertThat(RdbDump.of(without).trailer).isZero();
        assertThat(RdbTestValues.read(without).entries).hasSize(1);
    }

    @Test
    void emptyRdbHasOnlyHeaderAndTrailer() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new RdbWriter(bytes, OPTIONS).finish();
        byte[] rdb = bytes.toByteArray();
        assertThat(new String(rdb, 0, 9, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("REDIS0010");
        RdbTestValues.Collector c = RdbTestValues.read(rdb);
        assertThat(c.entries).isEmpty();
        assertThat(c.reader.version()).isEqualTo(10);
        assertThat(c.reader.bytesRead()).isEqualTo(rdb.length);
    }

    @Test
    void socketModeConsumesExactlyTheRdbAndNothingAfterIt() throws IOException {
        byte[] rdb = write(OPTIONS, List.of(new In("k", b("v")), new In("l", list("a", "b"))));
        byte[] after = b("*1\r\n$4\r\nPING\r\n");
        byte[] stream = new byte[rdb.length + after.length];
        System.arraycopy(rdb, 0, stream, 0, rdb.length);
        System.arraycopy(after, 0, stream, rdb.length, after.length);
        InputStream in = new ByteArrayInputStream(stream);
        RdbTestValues.Collector c = new RdbTestValues.Collector();
        RdbReader reader = new RdbReader(in, -1, EncodingLimits.DEFAULTS);
        reader.read(c);
        assertThat(c.entries).hasSize(2);
        assertThat(in.readAllBytes()).isEqualTo(after);
    }

    @Test
    void readFileReadsAFileOnDisk(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("dump.rdb");
        Files.write(file, write(OPTIONS, List.of(new In("k", b("v")))));
        RdbTestValues.Collector c = new RdbTestValues.Collector();
        RdbReader reader = RdbReader.readFile(file, EncodingLimits.DEFAULTS, c);
        assertThat(reader.keysRead()).isEqualTo(1);
        assertThat(c.entries).hasSize(1);
    }

    @Test
    void writerRejectsWhatRedisCannotHold() throws IOException {
        RdbWriter w = new RdbWriter(new ByteArrayOutputStream(), OPTIONS);
        assertThatThrownBy(() -> w.writeKey(b("k"), new ListValue(), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.writeKey(b("k"), new SetValue(), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.writeKey(b("k"), new HashValue(), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.writeKey(b("k"), new ZSetValue(), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.writeKey(b("k"), "a string object", -1)).isInstanceOf(IllegalArgumentException.class);
        w.finish();
        assertThatThrownBy(() -> w.writeKey(b("k"), b("v"), -1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readerIsSingleUse() throws IOException {
        byte[] rdb = write(OPTIONS, List.of());
        RdbReader reader = new RdbReader(new ByteArrayInputStream(rdb), rdb.length, EncodingLimits.DEFAULTS);
        reader.read(new RdbTestValues.Collector());
        assertThatThrownBy(() -> reader.read(new RdbTestValues.Collector())).isInstanceOf(IllegalStateException.class);
    }
}
