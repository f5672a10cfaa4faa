package io.replicatedstore.datanode.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamValueTest {

    private static byte[][] fields(String... s) {
        byte[][] out = new byte[s.length][];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static StreamValue stream(int entries, long nodeMaxEntries) {
        StreamValue stream = new StreamValue();
        for (int i = 1; i <= entries; i++) {
            stream.append(new StreamId(i, 0), fields("f", Integer.toString(i)), nodeMaxEntries, 4096);
        }
        return stream;
    }

    private static List<String> ids(List<StreamValue.Entry> entries) {
        return entries.stream().map(e -> e.id().toString()).toList();
    }

    @Test
    void appendKeepsTheSevenZeroMetadata() {
        StreamValue stream = stream(3, 100);
        assertThat(stream.length()).isEqualTo(3);
        assertThat(stream.lastId()).isEqualTo(new StreamId(3, 0));
        assertThat(stream.firstId()).isEqualTo(new StreamId(1, 0));
        assertThat(stream.entriesAdded()).isEqualTo(3);
        assertThat(stream.maxDeletedId()).isEqualTo(StreamId.MIN);
    }

    @Test
    void anIdNotAfterTheLastIsRefused() {
        StreamValue stream = stream(3, 100);
        assertThatThrownBy(() -> stream.append(new StreamId(3, 0), fields("a", "b"), 100, 4096))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangesAreInclusiveAndCountLimitsThemInEitherDirection() {
        StreamValue stream = stream(10, 3);
        assertThat(ids(stream.range(new StreamId(2, 0), new StreamId(5, 0), 0, false)))
                .containsExactly("2-0", "3-0", "4-0", "5-0");
        assertThat(ids(stream.range(new StreamId(2, 0), new StreamId(5, 0), 2, true)))
                .containsExactly("5-0", "4-0");
        assertThat(ids(stream.range(StreamId.MIN, StreamId.MAX, 0, false))).hasSize(10);
        assertThat(stream.range(new StreamId(5, 0), new StreamId(2, 0), 0, false)).isEmpty();
    }

    @Test
    void deleteLeavesTheLastIdAndRecordsTheMaxDeletedId() {
        StreamValue stream = stream(5, 100);
        assertThat(stream.delete(new StreamId(5, 0))).isTrue();
        assertThat(stream.delete(new StreamId(5, 0))).isFalse();
        assertThat(stream.delete(new StreamId(1, 0))).isTrue();
        assertThat(stream.length()).isEqualTo(3);
        assertThat(stream.lastId()).isEqualTo(new StreamId(5, 0));
        assertThat(stream.maxDeletedId()).isEqualTo(new StreamId(5, 0));
        assertThat(stream.firstId()).isEqualTo(new StreamId(2, 0));
        assertThat(ids(stream.range(StreamId.MIN, StreamId.MAX, 0, true))).containsExactly("4-0", "3-0", "2-0");
    }

    @Test
    void nodesCloseAtTheEntryLimitCountingDeletedEntries() {
        StreamValue stream = stream(10, 4);
        assertThat(stream.nodeCount()).isEqualTo(3);
        for (int i = 1; i <= 4; i++) {
            stream.delete(new StreamId(i, 0));
        }
        assertThat(stream.nodeCount()).isEqualTo(2); // an emptied node is dropped
    }

    @Test
    void approximateTrimRemovesWholeNodesOnly() {
        StreamValue stream = stream(10, 4); // nodes of 4, 4, 2
        assertThat(stream.trim(5, null, true, 0)).isEqualTo(4);
        assertThat(stream.length()).isEqualTo(6);
        assertThat(stream.firstId()).isEqualTo(new StreamId(5, 0));
        assertThat(stream.trim(5, null, true, 0)).isZero(); // removing a node would go below 5
    }

    @Test
    void exactTrimRemovesEntriesInsideANode() {
        StreamValue stream = stream(10, 4);
        assertThat(stream.trim(5, null, false, 0)).isEqualTo(5);
        assertThat(ids(stream.range(StreamId.MIN, StreamId.MAX, 0, false)))
                .containsExactly("6-0", "7-0", "8-0", "9-0", "10-0");
        assertThat(stream.firstIdWithTombstones()).isEqualTo(new StreamId(5, 0)); // 5-0 is a tombstone
    }

    @Test
    void trimByMinIdKeepsEntriesFromThatId() {
        StreamValue exact = stream(10, 4);
        assertThat(exact.trim(0, new StreamId(7, 0), false, 0)).isEqualTo(6);
        assertThat(exact.firstId()).isEqualTo(new StreamId(7, 0));
        StreamValue approx = stream(10, 4);
        assertThat(approx.trim(0, new StreamId(7, 0), true, 0)).isEqualTo(4);
    }

    @Test
    void theLimitStopsTrimmingBeforeANodeThatWouldPassIt() {
        StreamValue stream = stream(10, 4);
        assertThat(stream.trim(0, null, true, 7)).isEqualTo(4);
        assertThat(stream.length()).isEqualTo(6);
    }

    @Test
    void heapEstimateGrowsWithEntriesAndShrinksWhenTheyGo() {
        StreamValue stream = stream(100, 10);
        long full = stream.heapBytes();
        stream.trim(10, null, false, 0);
        assertThat(stream.heapBytes()).isLessThan(full);
        assertThat(stream(200, 10).heapBytes()).isGreaterThan(full);
    }
}
