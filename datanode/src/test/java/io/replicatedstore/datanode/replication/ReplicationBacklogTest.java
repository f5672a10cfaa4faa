package io.replicatedstore.datanode.replication;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicationBacklogTest {

    @Test
    void emptyBacklogStartsAfterCurrentOffset() {
        ReplicationBacklog backlog = new ReplicationBacklog(16, 100);
        assertThat(backlog.masterOffset()).isEqualTo(100);
        assertThat(backlog.histlen()).isZero();
        assertThat(backlog.firstByteOffset()).isEqualTo(101);
        assertThat(backlog.covers(101)).isTrue();
        assertThat(backlog.covers(100)).isFalse();
        assertThat(backlog.covers(102)).isFalse();
    }

    @Test
    void coverageEdgesAfterWrap() throws IOException {
        ReplicationBacklog backlog = new ReplicationBacklog(10, 0);
        backlog.append(bytes("abcdefghijklmno")); // 15 bytes, keeps "fghijklmno" = offsets 6..15
        assertThat(backlog.masterOffset()).isEqualTo(15);
        assertThat(backlog.histlen()).isEqualTo(10);
        assertThat(backlog.firstByteOffset()).isEqualTo(6);
        assertThat(backlog.covers(5)).isFalse();
        assertThat(backlog.covers(6)).isTrue();
        assertThat(backlog.covers(16)).isTrue(); // caught-up replica: zero bytes
        assertThat(backlog.covers(17)).isFalse();
        assertThat(copy(backlog, 6)).isEqualTo(bytes("fghijklmno"));
        assertThat(copy(backlog, 16)).isEmpty();
        assertThatThrownBy(() -> copy(backlog, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> copy(backlog, 17)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copyWrapsAroundTheRing() throws IOException {
        ReplicationBacklog backlog = new ReplicationBacklog(8, 0);
        backlog.append(bytes("123456"));
        backlog.append(bytes("7890")); // ring wraps
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(backlog.copyFrom(4, out)).isEqualTo(7);
        assertThat(out.toByteArray()).isEqualTo(bytes("4567890"));
    }

    @Test
    void resizeKeepsNewestBytes() throws IOException {
        ReplicationBacklog backlog = new ReplicationBacklog(8, 0);
        backlog.append(bytes("abcdefghij"));
        backlog.resize(4);
        assertThat(backlog.firstByteOffset()).isEqualTo(7);
        assertThat(copy(backlog, 7)).isEqualTo(bytes("ghij"));
        backlog.resize(20);
        assertThat(backlog.histlen()).isEqualTo(4);
        backlog.append(bytes("klm"));
        assertThat(copy(backlog, 7)).isEqualTo(bytes("ghijklm"));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new ReplicationBacklog(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplicationBacklog(4, -1)).isInstanceOf(IllegalArgumentException.class);
        ReplicationBacklog backlog = new ReplicationBacklog(4, 0);
        assertThatThrownBy(() -> backlog.resize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backlog.append(new byte[2], 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** Random appends and resizes against a model that keeps the whole stream. */
    @Test
    void matchesReferenceModel() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            long start = random.nextInt(1000);
            int capacity = 1 + random.nextInt(64);
            ReplicationBacklog backlog = new ReplicationBacklog(capacity, start);
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            int modelHistlen = 0;
            for (int step = 0; step < 200; step++) {
                if (random.nextInt(10) == 0) {
                    capacity = 1 + random.nextInt(64);
                    backlog.resize(capacity);
                    modelHistlen = Math.min(modelHistlen, capacity);
                } else {
                    byte[] chunk = new byte[random.nextInt(capacity * 2 + 1)];
                    random.nextBytes(chunk);
                    int off = chunk.length == 0 ? 0 : random.nextInt(chunk.length + 1);
                    int len = chunk.length - off;
                    backlog.append(chunk, off, len);
                    stream.write(chunk, off, len);
                    modelHistlen = Math.min(capacity, modelHistlen + len);
                }
                byte[] all = stream.toByteArray();
                long master = start + all.length;
                long first = master - modelHistlen + 1;
                assertThat(backlog.masterOffset()).isEqualTo(master);
                assertThat(backlog.histlen()).isEqualTo(modelHistlen);
                assertThat(backlog.firstByteOffset()).isEqualTo(first);
                assertThat(backlog.covers(first - 1)).isFalse();
                assertThat(backlog.covers(master + 2)).isFalse();
                long from = first + random.nextInt(modelHistlen + 1);
                assertThat(backlog.covers(from)).isTrue();
                byte[] expected = Arrays.copyOfRange(all, (int) (from - start - 1), all.length);
                assertThat(copy(backlog, from)).isEqualTo(expected);
            }
        }
    }

    private static byte[] copy(ReplicationBacklog backlog, long from) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = backlog.copyFrom(from, (b, o, l) -> out.write(b, o, l));
        assertThat(n).isEqualTo(out.size());
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
