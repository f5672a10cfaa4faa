package io.replicatedstore.datanode.persist.rdb;

import io.replicatedstore.datanode.store.HashValue;
import io.replicatedstore.datanode.store.ZSetValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.replicatedstore.datanode.persist.rdb.RdbConstants.*;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.b;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.encoding;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.s;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Encodings and opcodes Redis 7.0 still loads but no longer writes, from hand-built fixtures:
 * old linked lists, text-score sorted sets, zipmaps, ziplists, quicklists of ziplists, second
 * expiries, LRU/LFU hints, older versions, functions, modules.
 */
class RdbLegacyFormatTest {

    private static RdbTestValues.Collector read(byte[] rdb) throws IOException {
        RdbTestValues.Collector file = RdbTestValues.read(rdb, true, EncodingLimits.DEFAULTS);
        RdbTestValues.Collector socket = RdbTestValues.read(rdb, false, EncodingLimits.DEFAULTS);
        assertThat(socket.entries).hasSameSizeAs(file.entries);
        for (int i = 0; i < file.entries.size(); i++) {
            assertThat(view(socket.entries.get(i).value())).isEqualTo(view(file.entries.get(i).value()));
        }
        return file;
    }

    private static Object value(RdbTestValues.Collector c, String key) {
        return view(c.get(key).value());
    }

    private static Map<String, String> sortedMap(String... pairs) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void oldLinkedListWithEveryStringForm() throws IOException {
        byte[] rdb = new RdbBuilder(6)
                .key(TYPE_LIST, "l").length(5)
                .string("plain").intString(0, -5).intString(1, 1000).intString(2, 100_000)
                .lzfString(b("z".repeat(100)))
                .end();
        RdbTestValues.Collector c = read(rdb);
        assertThat(value(c, "l")).isEqualTo(List.of("plain", "-5", "1000", "100000", "z".repeat(100)));
        assertThat(c.get("l").rdbType()).isEqualTo(TYPE_LIST);
    }

    @Test
    void textScoreSortedSet() throws IOException {
        byte[] rdb = new RdbBuilder(7)
                .key(TYPE_ZSET, "z").length(6)
                .string("a").textScore("1.5")
                .string("b").textScore("inf")
                .string("c").textScore("-inf")
                .string("d").textScore("-3")
                .string("e").textScore("1e10")
                .string("f").textScore("0.10000000000000001")
                .end();
        RdbTestValues.Collector c = read(rdb);
        assertThat(value(c, "z")).isEqualTo(List.of(Map.entry("c", Double.NEGATIVE_INFINITY), Map.entry("d", -3.0),
                Map.entry("f", 0.1), Map.entry("a", 1.5), Map.entry("e", 1e10), Map.entry("b", Double.POSITIVE_INFINITY)));
        assertThat(encoding(c.get("z").value(), -2)).isEqualTo("listpack");
    }

    @Test
    void textScoreNaNIsCorruption() {
        byte[] rdb = new RdbBuilder(7).key(TYPE_ZSET, "z").length(1).string("a").textScore("nan").end();
        assertThatThrownBy(() -> read(rdb)).isInstanceOf(RdbFormatException.class).hasMessageContaining("NaN");
        byte[] junk = new RdbBuilder(7).key(TYPE_ZSET, "z").length(1).string("a").textScore("abc").end();
        assertThatThrownBy(() -> read(junk)).isInstanceOf(RdbFormatException.class).hasMessageContaining("invalid sorted set score");
    }

    @Test
    void zipmapHashes() throws IOException {
        String big = "v".repeat(300);
        byte[] rdb = new RdbBuilder(4)
                .key(TYPE_HASH_ZIPMAP, "h").string(RdbBuilder.zipmap(0, "a", "1", "b", "hello"))
                .key(TYPE_HASH_ZIPMAP, "free").string(RdbBuilder.zipmap(3, "x", "y", "", "empty-field"))
                .key(TYPE_HASH_ZIPMAP, "big").string(RdbBuilder.zipmap(0, "f", big, "g", "h"))
                .end(); // version 4: no checksum after EOF
        RdbTestValues.Collector c = read(rdb);
        assertThat(value(c, "h")).isEqualTo(sortedMap("a", "1", "b", "hello"));
        assertThat(value(c, "free")).isEqualTo(sortedMap("x", "y", "", "empty-field"));
        assertThat(value(c, "big")).isEqualTo(sortedMap("f", big, "g", "h"));
        assertThat(encoding(c.get("h").value(), -2)).isEqualTo("listpack");
        // A zipmap load checks value lengths against hash-max-listpack-value, unlike ziplists.
        assertThat(encoding(c.get("big").value(), -2)).isEqualTo("hashtable");
        assertThat(c.reader.version()).isEqualTo(4);
    }

    @Test
    void zipmapWithManyPairsUsesTheBigCountMarker() throws IOException {
        List<String> pairs = new ArrayList<>();
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            pairs.add("f" + i);
            pairs.add("v" + i);
            expected.put("f" + i, "v" + i);
        }
        byte[] zm = RdbBuilder.zipmap(1, pairs.toArray(new String[0]));
        assertThat(zm[0] & 0xff).isEqualTo(254);
        RdbTestValues.Collector c = read(new RdbBuilder(3).key(TYPE_HASH_ZIPMAP, "h").string(zm).end());
        assertThat(value(c, "h")).isEqualTo(expected);
    }

    @Test
    void ziplistListWithEveryEntryEncoding() throws IOException {
        List<Object> entries = new ArrayList<>(List.of(0L, 12L, 13L, -1L, 127L, -128L, 128L, -32768L, 32767L,
                8388607L, -8388608L, 8388608L, 2147483647L, -2147483648L, 2147483648L, Long.MAX_VALUE, Long.MIN_VALUE,
                "", "short", "m".repeat(63), "n".repeat(64), "o".repeat(16383), "p".repeat(16384), "q".repeat(300), "r"));
        byte[] zl = RdbBuilder.ziplist(entries.toArray());
        RdbTestValues.Collector c = read(new RdbBuilder(7).key(TYPE_LIST_ZIPLIST, "l").string(zl).end());
        List<String> expected = new ArrayList<>();
        entries.forEach(e -> expected.add(String.valueOf(e)));
        assertThat(value(c, "l")).isEqualTo(expected);
    }

    @Test
    void ziplistCountSaturatesAt65535() throws IOException {
        Object[] entries = new Object[70_000];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = (long) (i % 13);
        }
        RdbTestValues.Collector c = read(new RdbBuilder(7).key(TYPE_LIST_ZIPLIST, "l").string(RdbBuilder.ziplist(entries)).end());
        assertThat((List<?>) value(c, "l")).hasSize(70_000);
    }

    @Test
    void ziplistHashesAndSortedSets() throws IOException {
        Object[] bigHash = new Object[2 * 600];
        for (int i = 0; i < 600; i++) {
            bigHash[2 * i] = "f" + i;
            bigHash[2 * i + 1] = (long) i;
        }
        byte[] rdb = new RdbBuilder(8)
                .key(TYPE_HASH_ZIPLIST, "h").string(RdbBuilder.ziplist("a", 1L, "b", "x".repeat(100), "c", 70000L))
                .key(TYPE_HASH_ZIPLIST, "bigh").string(RdbBuilder.ziplist(bigHash))
                .key(TYPE_ZSET_ZIPLIST, "z").string(RdbBuilder.ziplist("a", 1L, "b", "1.5", "c", "-inf", "d", -70000L))
                .end();
        RdbTestValues.Collector c = read(rdb);
        assertThat(value(c, "h")).isEqualTo(sortedMap("a", "1", "b", "x".repeat(100), "c", "70000"));
        // Ziplist hashes are converted by length only: the 100-byte value stays listpack, as in Redis.
        assertThat(encoding(c.get("h").value(), -2)).isEqualTo("listpack");
        assertThat(encoding(c.get("bigh").value(), -2)).isEqualTo("hashtable");
        assertThat(((HashValue) c.get("bigh").value()).size()).isEqualTo(600);
        assertThat(value(c, "z")).isEqualTo(List.of(Map.entry("c", Double.NEGATIVE_INFINITY), Map.entry("d", -70000.0),
                Map.entry("a", 1.0), Map.entry("b", 1.5)));
        assertThat(c.get("z").rdbType()).isEqualTo(TYPE_ZSET_ZIPLIST);
    }

    @Test
    void quicklistOfZiplistNodesSkipsEmptyNodes() throws IOException {
        byte[] rdb = new RdbBuilder(9)
                .key(TYPE_LIST_QUICKLIST, "l").length(3)
                .string(RdbBuilder.ziplist("a", 1L, "b"))
                .string(RdbBuilder.ziplist())
                .lzfString(RdbBuilder.ziplist("c".repeat(50), "c".repeat(50), 300L))
                .end();
        RdbTestValues.Collector c = read(rdb);
        assertThat(value(c, "l")).isEqualTo(List.of("a", "1", "b", "c".repeat(50), "c".repeat(50), "300"));
    }

    @Test
    void intsetsOfEveryWidthAndConversionWhenLarge() throws IOException {
        long[] many = new long[600];
        for (int i = 0; i < many.length; i++) {
            many[i] = i * 3L;
        }
        byte[] rdb = new RdbBuilder(9)
                .key(TYPE_SET_INTSET, "s16").string(IntsetEncoder.encode(new long[] {-3, 5, 32767}))
                .key(TYPE_SET_INTSET, "s64").string(IntsetEncoder.encode(new long[] {Long.MIN_VALUE, 5}))
                .key(TYPE_SET_INTSET, "big").string(IntsetEncoder.encode(many))
                .end();
        RdbTestValues.Collector c = read(rdb);
        assertThat(value(c, "s16")).isEqualTo(new java.util.TreeSet<>(List.of("-3", "5", "32767")));
        assertThat(value(c, "s64")).isEqualTo(new java.util.TreeSet<>(List.of("-9223372036854775808", "5")));
        assertThat(encoding(c.get("s16").value(), -2)).isEqualTo("intset");
        assertThat(encoding(c.get("big").value(), -2)).isEqualTo("hashtable");
    }

    @Test
    void expiriesInSecondsAndMillisecondsAndLruLfuHints() throws IOException {
        byte[] rdb = new RdbBuilder(9)
                .aux("redis-ver", "6.2.0").aux("%custom", "x")
                .expireSeconds(1_700_000_000).key(TYPE_STRING, "sec").string("a")
                .expireMs(1_700_000_000_123L).key(TYPE_STRING, "ms").string("b")
                .raw(OPCODE_IDLE).length(12345).key(TYPE_STRING, "idle").string("c")
                .raw(OPCODE_FREQ, 200).expireMs(5).key(TYPE_STRING, "freq").string("d")
                .key(TYPE_STRING, "none").string("e")
                .end();
        RdbTestValues.Collector c = read(rdb);
        assertThat(c.get("sec").expireAt()).isEqualTo(1_700_000_000_000L);
        assertThat(c.get("ms").expireAt()).isEqualTo(1_700_000_000_123L);
        assertThat(c.get("idle").expireAt()).isEqualTo(-1);
        assertThat(c.get("freq").expireAt()).isEqualTo(5);
        assertThat(c.get("none").expireAt()).isEqualTo(-1);
        assertThat(c.aux).containsEntry("redis-ver", "6.2.0").containsEntry("%custom", "x");
    }

    @Test
    void databasesAndResizeHints() throws IOException {
        byte[] rdb = new RdbBuilder(10)
                .key(TYPE_STRING, "k").string("db0")
                .selectDb(5).resizeDb(1, 0).key(TYPE_STRING, "k").string("db5")
                .selectDb(300).key(TYPE_STRING, "k").string("db300")
                .end();
        RdbTestValues.Collector c = read(rdb);
        assertThat(value(c, "k")).isEqualTo("db0");
        assertThat(view(c.get(5, "k").value())).isEqualTo("db5");
        assertThat(view(c.get(300, "k").value())).isEqualTo("db300");
        assertThat(c.resizes).hasSize(1);
    }

    @Test
    void versionsAndSignatures() throws IOException {
        for (int v = 1; v <= 10; v++) {
            RdbTestValues.Collector c = read(new RdbBuilder(v).key(TYPE_STRING, "k").string("v").end());
            assertThat(c.reader.version()).isEqualTo(v);
        }
        assertThatThrownBy(() -> read(new RdbBuilder(11).end()))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("version 11");
        assertThatThrownBy(() -> read(new RdbBuilder(0).end()))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("version 0");
        assertThatThrownBy(() -> read(b("REDIS00a9\u00ff")))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("version field");
        assertThatThrownBy(() -> read(b("RIDES0009\u00ff")))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("REDIS signature");
        assertThatThrownBy(() -> read(b("")))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("unexpected end");
    }

    @Test
    void zeroChecksumIsNotVerified() throws IOException {
        assertThat(read(new RdbBuilder(10).key(TYPE_STRING, "k").string("v").endWithoutChecksum()).entries).hasSize(1);
    }

    @Test
    void functionLibrariesAreRefusedUnlessTheSinkTakesThem() throws IOException {
        String code = "#!lua name=mylib\nredis.register_function('f', function() return 1 end)";
        byte[] rdb = new RdbBuilder(10).raw(OPCODE_FUNCTION2).string(code).key(TYPE_STRING, "k").string("v").end();
        assertThatThrownBy(() -> read(rdb)).isInstanceOf(RdbFormatException.class)
                .hasMessageContaining("function library").hasMessageContaining("offset 9");
        RdbTestValues.Collector c = new RdbTestValues.Collector();
        c.acceptFunctions = true;
        new RdbReader(new java.io.ByteArrayInputStream(rdb), rdb.length, EncodingLimits.DEFAULTS).read(c);
        assertThat(s(c.functions.get(0))).isEqualTo(code);
        assertThat(c.entries).hasSize(1);

        // The 7.0-rc format: name, engine, description flag (+ description), code.
        byte[] old = new RdbBuilder(10).raw(OPCODE_FUNCTION).string("mylib").string("LUA").length(1).string("desc")
                .string("redis.register_function('f', function() return 1 end)").end();
        RdbTestValues.Collector oc = new RdbTestValues.Collector();
        oc.acceptFunctions = true;
        new RdbReader(new java.io.ByteArrayInputStream(old), old.length, EncodingLimits.DEFAULTS).read(oc);
        assertThat(s(oc.functions.get(0))).isEqualTo("#!LUA name=mylib\nredis.register_function('f', function() return 1 end)");
    }

    @Test
    void modulesAndUnknownTypesAreRefusedClearly() {
        byte[] moduleAux = new RdbBuilder(10).raw(OPCODE_MODULE_AUX).length(12345).length(2).length(0).end();
        assertThatThrownBy(() -> read(moduleAux)).isInstanceOf(RdbFormatException.class).hasMessageContaining("module");
        byte[] module = new RdbBuilder(10).key(TYPE_MODULE_2, "m").length(12345).end();
        assertThatThrownBy(() -> read(module)).isInstanceOf(RdbFormatException.class).hasMessageContaining("module value");
        // Redis 7.2's stream type (21) needs RDB version 11, which 7.0 does not read either.
        byte[] stream3 = new RdbBuilder(10).key(21, "s").length(0).end();
        assertThatThrownBy(() -> read(stream3)).isInstanceOf(RdbFormatException.class).hasMessageContaining("type 21");
        byte[] unknown = new RdbBuilder(10).raw(240).end();
        assertThatThrownBy(() -> read(unknown)).isInstanceOf(RdbFormatException.class).hasMessageContaining("unknown RDB opcode or value type 240");
        byte[] type8 = new RdbBuilder(10).key(8, "x").end();
        assertThatThrownBy(() -> read(type8)).isInstanceOf(RdbFormatException.class).hasMessageContaining("type 8");
    }

    @Test
    void emptyKeysAreSkippedAsRedisSkipsThem() throws IOException {
        byte[] rdb = new RdbBuilder(10)
                .key(TYPE_LIST, "l").length(0)
                .key(TYPE_SET, "s").length(0)
                .key(TYPE_HASH, "h").length(0)
                .key(TYPE_ZSET_2, "z").length(0)
                .key(TYPE_LIST_ZIPLIST, "zl").string(RdbBuilder.ziplist())
                .key(TYPE_HASH_LISTPACK, "lp").string(new ListpackEncoder(8).toByteArray())
                .key(TYPE_LIST_QUICKLIST_2, "q").length(1).length(QUICKLIST_NODE_PACKED).string(new ListpackEncoder(8).toByteArray())
                .key(TYPE_STRING, "kept").string("")
                .end();
        RdbTestValues.Collector c = read(rdb);
        assertThat(c.entries).extracting(l -> s(l.key())).containsExactly("kept");
        assertThat(c.reader.emptyKeysSkipped()).isEqualTo(7);
        assertThat(c.reader.keysRead()).isEqualTo(1);
    }

    @Test
    void duplicatesAreCorruption() {
        List<byte[]> bad = List.of(
                new RdbBuilder(10).key(TYPE_SET, "s").length(2).string("a").string("a").end(),
                new RdbBuilder(10).key(TYPE_HASH, "h").length(2).string("a").string("1").string("a").string("2").end(),
                new RdbBuilder(10).key(TYPE_ZSET_2, "z").length(2).string("a").le(0, 8).string("a").le(0, 8).end(),
                new RdbBuilder(10).key(TYPE_HASH_ZIPMAP, "zm").string(RdbBuilder.zipmap(0, "a", "1", "a", "2")).end(),
                new RdbBuilder(10).key(TYPE_HASH_ZIPLIST, "hz").string(RdbBuilder.ziplist("a", 1L, "a", 2L)).end(),
                new RdbBuilder(10).key(TYPE_ZSET_ZIPLIST, "zz").string(RdbBuilder.ziplist("a", 1L, "a", 2L)).end());
        for (byte[] rdb : bad) {
            assertThatThrownBy(() -> read(rdb)).isInstanceOf(RdbFormatException.class).hasMessageContaining("duplicate");
        }
    }

    @Test
    void oddPairsNaNScoresAndBadContainersAreCorruption() {
        assertThatThrownBy(() -> read(new RdbBuilder(10).key(TYPE_HASH_ZIPLIST, "h").string(RdbBuilder.ziplist("a", 1L, "b")).end()))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("odd number");
        assertThatThrownBy(() -> read(new RdbBuilder(10).key(TYPE_ZSET_2, "z").length(1).string("a")
                .le(Double.doubleToRawLongBits(Double.NaN), 8).end()))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> read(new RdbBuilder(10).key(TYPE_ZSET_ZIPLIST, "z").string(RdbBuilder.ziplist("a", "nan")).end()))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("invalid score");
        assertThatThrownBy(() -> read(new RdbBuilder(10).key(TYPE_LIST_QUICKLIST_2, "q").length(1).length(3).string("x").end()))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("container 3");
        assertThatThrownBy(() -> read(new RdbBuilder(10).key(TYPE_LIST_QUICKLIST_2, "q").length(1).length(1).string("").end()))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("empty quicklist node");
    }

    @Test
    void corruptZiplistsAndZipmapsAreRejected() {
        byte[] zl = RdbBuilder.ziplist("a", "b", 5L);
        byte[] badPrev = zl.clone();
        badPrev[10 + 3] = 9; // prevlen of "b"
        byte[] badTail = zl.clone();
        badTail[4] = 11;
        byte[] badCount = zl.clone();
        badCount[8] = 2;
        byte[] badEnc = zl.clone();
        badEnc[10 + 1] = (byte) 0xc5;
        for (byte[] bad : List.of(badPrev, badTail, badCount, badEnc)) {
            assertThatThrownBy(() -> read(new RdbBuilder(10).key(TYPE_LIST_ZIPLIST, "l").string(bad).end()))
                    .isInstanceOf(RdbFormatException.class).hasMessageContaining("corrupt ziplist");
        }
        byte[] zm = RdbBuilder.zipmap(0, "a", "1");
        byte[] badLen = zm.clone();
        badLen[1] = 50;
        byte[] badZmCount = zm.clone();
        badZmCount[0] = 3;
        for (byte[] bad : List.of(badLen, badZmCount, new byte[] {0, (byte) 0xff})) {
            assertThatThrownBy(() -> read(new RdbBuilder(10).key(TYPE_HASH_ZIPMAP, "h").string(bad).end()))
                    .isInstanceOf(RdbFormatException.class).hasMessageContaining("corrupt zipmap");
        }
    }

    @Test
    void listpackSortedSetScoresMayBeTextOrIntegers() throws IOException {
        ListpackEncoder lp = new ListpackEncoder(16);
        lp.add(b("a"));
        lp.add(b("3"));
        lp.add(b("b"));
        lp.addString(b("2.5"));
        lp.add(b("c"));
        lp.addString(b("-inf"));
        RdbTestValues.Collector c = read(new RdbBuilder(10).key(TYPE_ZSET_LISTPACK, "z").string(lp.toByteArray()).end());
        ZSetValue z = (ZSetValue) c.get("z").value();
        assertThat(z.score(b("a"))).isEqualTo(3.0);
        assertThat(z.score(b("b"))).isEqualTo(2.5);
        assertThat(z.score(b("c"))).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
