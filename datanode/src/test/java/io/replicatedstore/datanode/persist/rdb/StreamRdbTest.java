package io.replicatedstore.datanode.persist.rdb;

import io.replicatedstore.datanode.store.StreamGroup;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.replicatedstore.datanode.persist.rdb.RdbConstants.TYPE_STREAM_LISTPACKS;
import static io.replicatedstore.datanode.persist.rdb.RdbConstants.TYPE_STREAM_LISTPACKS_2;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Streams through RdbWriter and RdbReader: groups and tombstones survive, type 15 loads, hostile counts fail cheaply. */
class StreamRdbTest {

    private static final RdbWriteOptions OPTIONS = RdbWriteOptions.defaults(RdbWriteOptions.Aux.of(1, 2));

    private static StreamValue sample() {
        StreamValue s = new StreamValue();
        for (int i = 1; i <= 12; i++) {
            s.append(new StreamId(i, 0), i % 4 == 0 ? new byte[][] {b("x"), b("v" + i), b("y"), b("-5")}
                    : new byte[][] {b("f"), b(Integer.toString(i * 1000))}, 5, 4096);
        }
        s.delete(new StreamId(2, 0));
        s.delete(new StreamId(12, 0));
        StreamGroup g = s.createGroup(b("g"), new StreamId(9, 0), 8);
        StreamGroup.Consumer alice = g.createConsumer(b("alice"), 1000);
        g.createConsumer(b("idle"), 2000);
        for (long ms : new long[] {3, 5, 9}) {
            StreamGroup.Pending p = new StreamGroup.Pending(alice, 500 + ms, ms);
            g.pending.put(new StreamId(ms, 0), p);
            alice.pending.put(new StreamId(ms, 0), p);
        }
        s.createGroup(b("unknown-read"), new StreamId(4, 0), StreamGroup.INVALID_ENTRIES_READ);
        return s;
    }

    private static byte[] write(StreamValue... streams) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbWriter w = new RdbWriter(bytes, OPTIONS);
        w.startDatabase(0, streams.length, 0);
        for (int i = 0; i < streams.length; i++) {
            w.writeKey(b("s" + i), streams[i], -1);
        }
        w.finish();
        return bytes.toByteArray();
    }

    /** Everything a client can see of a stream, as plain values. */
    static List<Object> view(StreamValue s) {
        List<Object> out = new ArrayList<>();
        for (StreamValue.Entry e : s.range(StreamId.MIN, StreamId.MAX, 0, false)) {
            List<String> fv = new ArrayList<>();
            for (byte[] x : e.fieldsAndValues()) {
                fv.add(new String(x));
            }
            out.add(e.id() + " " + fv);
        }
        out.add(List.of(s.length(), s.lastId(), s.firstId(), s.maxDeletedId(), s.entriesAdded(), s.nodeCount()));
        for (var g : s.groups().entrySet()) {
            out.add(g.getKey() + " " + g.getValue().lastId + " " + g.getValue().entriesRead);
            for (Map.Entry<StreamId, StreamGroup.Pending> p : g.getValue().pending.entrySet()) {
                out.add(p.getKey() + " " + new String(p.getValue().consumer.name) + " " + p.getValue().deliveryTime
                        + " " + p.getValue().deliveryCount);
            }
            for (StreamGroup.Consumer c : g.getValue().consumers.values()) {
                out.add(new String(c.name) + " " + c.seenTime + " " + c.pending.keySet());
            }
        }
        return out;
    }

    @Test
    void aStreamWithTombstonesAndGroupsComesBackTheSameInBothReadModes() throws IOException {
        StreamValue empty = new StreamValue();
        empty.createGroup(b("g"), StreamId.MIN, 0);
        byte[] rdb = write(sample(), empty);
        for (boolean known : new boolean[] {true, false}) {
            RdbTestValues.Collector c = RdbTestValues.read(rdb, known, EncodingLimits.DEFAULTS);
            assertThat(view((StreamValue) c.get("s0").value())).isEqualTo(view(sample()));
            assertThat(view((StreamValue) c.get("s1").value())).isEqualTo(view(empty));
        }
    }

    @Test
    void aLoadedStreamIsSavedAgainByteForByte() throws IOException {
        byte[] rdb = write(sample());
        StreamValue loaded = (StreamValue) RdbTestValues.read(rdb).get("s0").value();
        assertThat(write(loaded)).isEqualTo(rdb);
    }

    @Test
    void theRedis5FormatLoadsWithEntriesAddedFromTheLengthAndAnEstimatedReadCounter() throws IOException {
        StreamValue one = new StreamValue();
        one.append(new StreamId(7, 1), new byte[][] {b("a"), b("1")}, 100, 4096);
        one.append(new StreamId(7, 2), new byte[][] {b("a"), b("2")}, 100, 4096);
        ListpackEncoder lp = StreamRdb.listpack(one.nodeViews().get(0));
        byte[] rdb = new RdbBuilder(9).key(TYPE_STREAM_LISTPACKS, "old")
                .length(1).string(StreamRdb.rawId(new StreamId(7, 1))).string(Arrays.copyOf(lp.buffer(), lp.finish()))
                .length(2).length(7).length(2)
                .length(1).string("g").length(7).length(2).length(0).length(0)
                .end();
        StreamValue s = (StreamValue) RdbTestValues.read(rdb).get("old").value();
        assertThat(s.length()).isEqualTo(2);
        assertThat(s.entriesAdded()).isEqualTo(2);
        assertThat(s.firstId()).isEqualTo(new StreamId(7, 1));
        assertThat(s.group(b("g")).entriesRead).isEqualTo(2);
    }

    @Test
    void everyTruncationFailsInBothModes() throws IOException {
        byte[] rdb = write(sample());
        for (int cut = 0; cut < rdb.length; cut++) {
            byte[] part = Arrays.copyOf(rdb, cut);
            for (boolean known : new boolean[] {true, false}) {
                try {
                    RdbTestValues.read(part, known, EncodingLimits.DEFAULTS);
                    fail("a stream cut at " + cut + " was accepted");
                } catch (RdbFormatException e) {
                    assertThat(e.offset()).isBetween(0L, (long) cut);
                }
            }
        }
    }

    @Test
    void hugeCountsFailWithoutAllocating() {
        byte[] pad = new byte[256];
        byte[] id = new byte[16];
        List<byte[]> hostile = List.of(
                // a billion nodes
                new RdbBuilder(10).key(TYPE_STREAM_LISTPACKS_2, "k").length(1_000_000_000).raw(pad).unfinished(),
                // no nodes, then a billion groups
                new RdbBuilder(10).key(TYPE_STREAM_LISTPACKS_2, "k").length(0).length(0).length(0).length(0)
                        .length(0).length(0).length(0).length(0).length(0).length(1_000_000_000).raw(pad).unfinished(),
                // one group with a billion pending entries
                new RdbBuilder(10).key(TYPE_STREAM_LISTPACKS_2, "k").length(0).length(0).length(0).length(0)
                        .length(0).length(0).length(0).length(0).length(0).length(1).string("g").length(0).length(0)
                        .length(0).length(1_000_000_000).raw(id).raw(pad).unfinished(),
                // one group with no PEL and 2^40 consumers
                new RdbBuilder(10).key(TYPE_STREAM_LISTPACKS_2, "k").length(0).length(0).length(0).length(0)
                        .length(0).length(0).length(0).length(0).length(0).length(1).string("g").length(0).length(0)
                        .length(0).length(0).raw(0x81).be(1L << 40, 8).raw(pad).unfinished());
        for (byte[] rdb : hostile) {
            for (boolean known : new boolean[] {true, false}) {
                long before = allocated();
                try {
                    RdbTestValues.read(rdb, known, EncodingLimits.DEFAULTS);
                    fail("accepted");
                } catch (RdbFormatException e) {
                    assertThat(allocated() - before).as(e.getMessage()).isLessThan(4 << 20);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Test
    void aListpackWhoseFieldCountPassesItsEndIsCorruption() throws IOException {
        ListpackEncoder lp = new ListpackEncoder(64);
        lp.addLong(1);
        lp.addLong(0);
        lp.addLong(1_000_000); // master fields
        lp.add(b("f"));
        lp.addLong(0);
        byte[] rdb = new RdbBuilder(10).key(TYPE_STREAM_LISTPACKS_2, "k").length(1).string(new byte[16])
                .string(Arrays.copyOf(lp.buffer(), lp.finish())).raw(new byte[64]).unfinished();
        try {
            RdbTestValues.read(rdb);
            fail("accepted");
        } catch (RdbFormatException e) {
            assertThat(e).hasMessageContaining("corrupt stream listpack");
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
