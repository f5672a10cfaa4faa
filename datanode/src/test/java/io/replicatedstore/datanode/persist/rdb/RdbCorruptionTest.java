package io.replicatedstore.datanode.persist.rdb;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.replicatedstore.datanode.persist.rdb.RdbConstants.*;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.b;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.hash;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.list;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.set;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.zset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Damaged and hostile streams: every failure is an RdbFormatException, nothing is trusted. */
class RdbCorruptionTest {

    private static final EncodingLimits SMALL = EncodingLimits.DEFAULTS.withHash(4, 64).withZset(4, 64)
            .withSetMaxIntsetEntries(4).withListMaxListpackSize(-1).withListPackedThreshold(200);

    /** An RDB with every type in both encodings, expiries, two databases. */
    private static byte[] sample(boolean checksum) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbWriteOptions options = RdbWriteOptions.defaults(RdbWriteOptions.Aux.of(1, 2)).withLimits(SMALL)
                .withChecksum(checksum);
        RdbWriter w = new RdbWriter(bytes, options);
        w.startDatabase(0, 12, 2);
        w.writeKey(b("int"), b("12345"), -1);
        w.writeKey(b("raw"), b("hello"), 1_700_000_000_000L);
        w.writeKey(b("lzf"), b("abcabcabcabcabcabcabcabcabcabc"), -1);
        String[] elements = new String[400];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = i % 50 == 0 ? "P".repeat(250) : "e" + i;
        }
        w.writeKey(b("list"), list(elements), -1);
        w.writeKey(b("intset"), set("1", "2", "-3"), -1);
        w.writeKey(b("set"), set("a", "b", "c", "d", "e"), -1);
        w.writeKey(b("hlp"), hash("a", "1", "b", "2"), -1);
        w.writeKey(b("hash"), hash("a", "1", "b", "2", "c", "3", "d", "4", "e", "5"), 5);
        w.writeKey(b("zlp"), zset(Map.of("a", 1.0, "b", 2.5)), -1);
        w.writeKey(b("zset"), zset(Map.of("a", 1.0, "b", 2.5, "c", -1.0, "d", 1e100, "e", 7.0)), -1);
        w.startDatabase(9, 1, 0);
        w.writeKey(b("other"), b("x".repeat(100)), -1);
        w.finish();
        return bytes.toByteArray();
    }

    /** The same in Redis's older encodings. */
    private static byte[] legacySample() {
        return new RdbBuilder(9)
                .aux("redis-ver", "5.0.0")
                .key(TYPE_LIST, "l").length(2).string("a").intString(1, 300)
                .key(TYPE_ZSET, "z").length(2).string("a").textScore("1.5").string("b").textScore("inf")
                .key(TYPE_HASH_ZIPMAP, "zm").string(RdbBuilder.zipmap(1, "f", "v", "g", "w"))
                .expireSeconds(100).key(TYPE_LIST_ZIPLIST, "zl").string(RdbBuilder.ziplist("a", 5L, "b".repeat(300), 70000L))
                .key(TYPE_HASH_ZIPLIST, "hz").string(RdbBuilder.ziplist("f", 1L))
                .key(TYPE_ZSET_ZIPLIST, "zz").string(RdbBuilder.ziplist("m", "2.5"))
                .key(TYPE_LIST_QUICKLIST, "q").length(2).string(RdbBuilder.ziplist("x")).lzfString(RdbBuilder.ziplist("y".repeat(40)))
                .raw(OPCODE_IDLE).length(5).raw(OPCODE_FREQ, 3).key(TYPE_SET_INTSET, "is").string(IntsetEncoder.encode(new long[] {1, 2}))
                .end();
    }

    private static void read(byte[] rdb, boolean knownLength) throws IOException {
        RdbTestValues.read(rdb, knownLength, SMALL);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Runs the read and checks it fails cleanly without allocating more than {@code maxBytes}. */
    private static RdbFormatException failsWithin(byte[] rdb, boolean knownLength, long maxBytes) {
        long before = allocatedBytes();
        try {
            read(rdb, knownLength);
        } catch (RdbFormatException e) {
            assertThat(allocatedBytes() - before).as("bytes allocated").isLessThan(maxBytes);
            return e;
        } catch (Throwable t) {
            throw new AssertionError("expected RdbFormatException, got " + t, t);
        }
        throw new AssertionError("expected RdbFormatException, the read succeeded");
    }

    @Test
    void samplesAreValid() throws IOException {
        for (boolean known : new boolean[] {true, false}) {
            read(sample(true), known);
            read(sample(false), known);
            read(legacySample(), known);
        }
    }

    @Test
    void checksumMismatchIsDetected() throws IOException {
        byte[] rdb = sample(true);
        int payload = indexOf(rdb, b("hello"));
        byte[] flipped = rdb.clone();
        flipped[payload] = 'j';
        RdbFormatException e = failsWithin(flipped, true, 10 << 20);
        assertThat(e).hasMessageContaining("checksum mismatch");
        assertThat(e.offset()).isEqualTo(rdb.length - 8);

        byte[] badTrailer = rdb.clone();
        badTrailer[rdb.length - 3] ^= 1;
        assertThat(failsWithin(badTrailer, false, 10 << 20)).hasMessageContaining("checksum mismatch");
    }

    @Test
    void everyTruncationFailsInBothModes() throws IOException {
        for (byte[] rdb : List.of(sample(true), sample(false), legacySample())) {
            for (int cut = 0; cut < rdb.length; cut++) {
                byte[] part = Arrays.copyOf(rdb, cut);
                for (boolean known : new boolean[] {true, false}) {
                    try {
                        read(part, known);
                        fail("a stream cut at " + cut + " of " + rdb.length + " was accepted");
                    } catch (RdbFormatException e) {
                        assertThat(e.offset()).isBetween(0L, (long) cut);
                    }
                }
            }
        }
    }

    @Test
    void hugeStringLengthsFailBeforeAllocating() {
        byte[] pad = new byte[1024];
        byte[] fourGb = new RdbBuilder(10).key(TYPE_STRING, "k").raw(0x80).be(0xffffffffL, 4).raw(pad).unfinished();
        assertThat(failsWithin(fourGb, true, 1 << 20)).hasMessageContaining("more than this server can hold");
        assertThat(failsWithin(fourGb, false, 1 << 20)).hasMessageContaining("more than this server can hold");

        byte[] almost2Gb = new RdbBuilder(10).key(TYPE_STRING, "k").raw(0x80).be(RdbConstants.MAX_ARRAY, 4).raw(pad).unfinished();
        RdbFormatException known = failsWithin(almost2Gb, true, 1 << 20);
        assertThat(known).hasMessageContaining("passes the end of the stream");
        assertThat(known.offset()).isEqualTo(9 + 2 + 1); // where the string starts
        // Socket mode cannot know: it reads in bounded chunks and hits the end.
        assertThat(failsWithin(almost2Gb, false, 4 << 20)).hasMessageContaining("unexpected end");

        byte[] huge64 = new RdbBuilder(10).key(TYPE_STRING, "k").raw(0x81).be(1L << 40, 8).raw(pad).unfinished();
        assertThat(failsWithin(huge64, false, 1 << 20)).hasMessageContaining("more than this server can hold");
        byte[] negative64 = new RdbBuilder(10).key(TYPE_STRING, "k").raw(0x81).be(-1L, 8).raw(pad).unfinished();
        assertThat(failsWithin(negative64, false, 1 << 20)).hasMessageContaining("over 2^63");
    }

    @Test
    void lzfClaimsAreCheckedBeforeAllocating() {
        byte[] pad = new byte[64];
        byte[] absurd = new RdbBuilder(10).key(TYPE_STRING, "k").raw(0xc3).length(10).length(RdbConstants.MAX_ARRAY).raw(pad).unfinished();
        assertThat(failsWithin(absurd, false, 1 << 20)).hasMessageContaining("LZF string claims");
        byte[] tooBig = new RdbBuilder(10).key(TYPE_STRING, "k").raw(0xc3).length(10).length(1L << 40).raw(pad).unfinished();
        assertThat(failsWithin(tooBig, true, 1 << 20)).hasMessageContaining("more than this server can hold");
        byte[] zero = new RdbBuilder(10).key(TYPE_STRING, "k").raw(0xc3).length(0).length(5).raw(pad).unfinished();
        assertThat(failsWithin(zero, true, 1 << 20)).hasMessageContaining("LZF string claims");
        byte[] wrongSize = new RdbBuilder(10).key(TYPE_STRING, "k").raw(0xc3).length(3).length(5).raw(0x01, 'a', 'b').end();
        assertThat(failsWithin(wrongSize, true, 1 << 20)).hasMessageContaining("invalid LZF");
    }

    @Test
    void hugeCountsFailWithoutWork() {
        byte[] pad = new byte[1024];
        for (int type : new int[] {TYPE_LIST, TYPE_SET, TYPE_HASH, TYPE_ZSET, TYPE_ZSET_2, TYPE_LIST_QUICKLIST_2}) {
            byte[] over = new RdbBuilder(10).key(type, "k").raw(0x81).be(1L << 40, 8).raw(pad).unfinished();
            assertThat(failsWithin(over, false, 1 << 20)).hasMessageContaining("more than this server can hold");
            byte[] billion = new RdbBuilder(10).key(type, "k").length(1_000_000_000).raw(pad).unfinished();
            assertThat(failsWithin(billion, true, 1 << 20)).hasMessageContaining("cannot fit");
            // Socket mode: reads what is there and stops at its end.
            failsWithin(billion, false, 8 << 20);
        }
        byte[] hugeDb = new RdbBuilder(10).raw(OPCODE_SELECTDB).raw(0x81).be(1L << 40, 8).end();
        assertThat(failsWithin(hugeDb, true, 1 << 20)).hasMessageContaining("database id");
    }

    @Test
    void encodedLengthWhereALengthBelongsIsCorruption() {
        byte[] rdb = new RdbBuilder(10).key(TYPE_LIST, "k").raw(0xc0, 5).end();
        assertThat(failsWithin(rdb, true, 1 << 20)).hasMessageContaining("expected a length");
    }

    @Test
    void randomDamageOnlyEverGivesRdbFormatException() throws IOException {
        Random rnd = new Random(2024);
        List<byte[]> samples = List.of(sample(false), sample(true), legacySample());
        int accepted = 0;
        for (int trial = 0; trial < 6000; trial++) {
            byte[] rdb = samples.get(trial % samples.size()).clone();
            for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                int at = 9 + rnd.nextInt(rdb.length - 9);
                rdb[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) (rdb[at] ^ (1 << rnd.nextInt(8)));
            }
            boolean known = rnd.nextBoolean();
            long before = allocatedBytes();
            try {
                read(rdb, known);
                accepted++;
            } catch (RdbFormatException expected) {
                // fine
            } catch (Throwable t) {
                throw new AssertionError("trial " + trial + " escaped as " + t, t);
            }
            assertThat(allocatedBytes() - before).as("allocation in trial " + trial).isLessThan(64L << 20);
        }
        // Damage to a checksummed stream is always caught; some damage to the others is benign.
        assertThat(accepted).isLessThan(6000);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    @Test
    void offsetsPointAtTheProblem() {
        byte[] rdb = new RdbBuilder(10).key(TYPE_STRING, "k").string("v").raw(77).end();
        RdbFormatException e = failsWithin(rdb, true, 1 << 20);
        assertThat(e.offset()).isEqualTo(9 + 1 + 2 + 2);
        assertThat(e).hasMessageEndingWith("(at offset 14)");
        byte[] badListpack = new RdbBuilder(10).key(TYPE_HASH_LISTPACK, "h").string(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).end();
        RdbFormatException lp = failsWithin(badListpack, true, 1 << 20);
        assertThat(lp).hasMessageContaining("corrupt listpack");
        assertThat(lp.offset()).isEqualTo(9 + 1 + 2);
        assertThatThrownBy(() -> read(b("REDIS0010"), true)).isInstanceOf(RdbFormatException.class)
                .hasMessageContaining("unexpected end").hasMessageContaining("offset 9");
    }

    @Test
    void aSinkExceptionStopsTheRead() {
        byte[] rdb = new RdbBuilder(10).key(TYPE_STRING, "a").string("1").key(TYPE_STRING, "b").string("2").end();
        RdbReader reader = new RdbReader(new ByteArrayInputStream(rdb), rdb.length, EncodingLimits.DEFAULTS);
        assertThatThrownBy(() -> reader.read((key, value, expireAtMs) -> {
            throw new IOException("stop at " + RdbTestValues.s(key));
        })).isInstanceOf(IOException.class).hasMessage("stop at a");
    }
}
