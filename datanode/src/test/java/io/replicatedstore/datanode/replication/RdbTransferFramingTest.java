package io.replicatedstore.datanode.replication;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RdbTransferFramingTest {

    private static final byte[] TAIL = bytes("*1\r\n$4\r\nPING\r\n");

    @Test
    void writerForms() {
        assertThat(RdbTransferFraming.lengthHeader(123)).isEqualTo(bytes("$123\r\n"));
        byte[] mark = RdbTransferFraming.newEofMark(new Random(1));
        assertThat(new String(mark, StandardCharsets.US_ASCII)).matches("[0-9a-f]{40}");
        assertThat(RdbTransferFraming.eofHeader(mark)).isEqualTo(concat(bytes("$EOF:"), mark, bytes("\r\n")));
        assertThat(RdbTransferFraming.eofTrailer(mark)).isEqualTo(mark).isNotSameAs(mark);
        assertThatThrownBy(() -> RdbTransferFraming.eofHeader(new byte[39])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RdbTransferFraming.lengthHeader(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lengthFormAtEverySplitPoint() throws IOException {
        byte[] payload = randomPayload(300, 3);
        byte[] wire = concat(bytes("\n\n"), RdbTransferFraming.lengthHeader(payload.length), payload, TAIL);
        checkAllSplits(wire, payload, false);
    }

    @Test
    void eofFormAtEverySplitPoint() throws IOException {
        byte[] mark = RdbTransferFraming.newEofMark(new Random(5));
        // Payload containing a 39-byte prefix of the mark, to exercise the held-back window.
        byte[] payload = concat(randomPayload(100, 4), Arrays.copyOf(mark, 39), randomPayload(100, 6));
        byte[] wire = concat(bytes("\n\r\n\n"), RdbTransferFraming.eofHeader(mark), payload,
                RdbTransferFraming.eofTrailer(mark), TAIL);
        checkAllSplits(wire, payload, true);
    }

    @Test
    void eofFormInRandomChunks() throws IOException {
        byte[] mark = RdbTransferFraming.newEofMark(new Random(13));
        // Prefixes of the mark (never the whole mark: '-' is no hex digit) around chunk edges of every size.
        byte[] payload = concat(randomPayload(50, 14), Arrays.copyOf(mark, 20), randomPayload(70, 15),
                Arrays.copyOf(mark, 39), bytes("-"), Arrays.copyOf(mark, 39), randomPayload(30, 16), Arrays.copyOf(mark, 1));
        byte[] wire = concat(RdbTransferFraming.eofHeader(mark), payload, RdbTransferFraming.eofTrailer(mark), TAIL);
        Random random = new Random(17);
        for (int round = 0; round < 1000; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RdbTransferFraming.Parser parser = new RdbTransferFraming.Parser(ByteChunkConsumer.of(out));
            int at = 0;
            while (!parser.isComplete()) {
                int len = Math.min(wire.length - at, 1 + random.nextInt(90));
                at += parser.feed(wire, at, len);
            }
            assertThat(out.toByteArray()).as("round %d", round).isEqualTo(payload);
            assertThat(Arrays.copyOfRange(wire, at, wire.length)).isEqualTo(TAIL);
        }
    }

    @Test
    void eofMarkIsFoundAfterNearMissesAndSuffixesOfIt() throws IOException {
        byte[] mark = RdbTransferFraming.newEofMark(new Random(21));
        ByteArrayOutputStream near = new ByteArrayOutputStream();
        for (int k = 0; k < mark.length; k++) {
            byte[] miss = mark.clone();
            miss[k] = (byte) (miss[k] == 'z' ? 'y' : 'z'); // one byte off, at every position
            near.writeBytes(miss);
            near.writeBytes(Arrays.copyOfRange(mark, k + 1, mark.length)); // and every proper suffix
            near.writeBytes(randomPayload(k, 22 + k));
        }
        byte[] payload = near.toByteArray();
        byte[] wire = concat(RdbTransferFraming.eofHeader(mark), payload, RdbTransferFraming.eofTrailer(mark), TAIL);
        Random random = new Random(23);
        for (int round = 0; round < 300; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RdbTransferFraming.Parser parser = new RdbTransferFraming.Parser(ByteChunkConsumer.of(out));
            int at = 0;
            int most = round == 0 ? wire.length : 1 + random.nextInt(200);
            while (!parser.isComplete()) {
                at += parser.feed(wire, at, Math.min(wire.length - at, most));
            }
            assertThat(out.toByteArray()).as("round %d", round).isEqualTo(payload);
            assertThat(Arrays.copyOfRange(wire, at, wire.length)).isEqualTo(TAIL);
        }
    }

    @Test
    void emptyPayloads() throws IOException {
        checkAllSplits(concat(bytes("$0\r\n"), TAIL), new byte[0], false);
        byte[] mark = RdbTransferFraming.newEofMark(new Random(9));
        checkAllSplits(concat(RdbTransferFraming.eofHeader(mark), mark, TAIL), new byte[0], true);
    }

    @Test
    void byteAtATime() throws IOException {
        byte[] mark = RdbTransferFraming.newEofMark(new Random(11));
        byte[] payload = randomPayload(97, 12);
        byte[] wire = concat(RdbTransferFraming.eofHeader(mark), payload, mark, TAIL);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbTransferFraming.Parser parser = new RdbTransferFraming.Parser(ByteChunkConsumer.of(out));
        int i = 0;
        while (!parser.isComplete()) {
            assertThat(parser.feed(wire, i, 1)).isEqualTo(1);
            i++;
        }
        assertThat(i).isEqualTo(wire.length - TAIL.length);
        assertThat(out.toByteArray()).isEqualTo(payload);
        assertThat(parser.feed(wire, i, wire.length - i)).isZero(); // done: nothing more consumed
    }

    @Test
    void malformedHeaders() {
        assertMalformed("+FULLRESYNC abc 0\r\n", "first byte is not '$'");
        assertMalformed("-ERR something\r\n", "-ERR something");
        assertMalformed("$\r\n", "invalid length");
        assertMalformed("$-5\r\n", "invalid length");
        assertMalformed("$12a\r\n", "invalid length");
        assertMalformed("$9999999999999999999\r\n", "invalid length");
        assertMalformed("$EOF:abc\r\n", "EOF mark must be 40");
        assertMalformed("$EOF:" + "a".repeat(41) + "\r\n", "EOF mark must be 40");
        assertMalformed("$" + "1".repeat(300), "longer than");
    }

    @Test
    void failedParserRefusesMoreInput() {
        RdbTransferFraming.Parser parser = new RdbTransferFraming.Parser((b, o, l) -> { });
        assertThatThrownBy(() -> parser.feed(bytes("x\n"))).isInstanceOf(RdbFramingException.class);
        assertThatThrownBy(() -> parser.feed(bytes("$1\r\n"))).isInstanceOf(IllegalStateException.class);
    }

    private static void assertMalformed(String wire, String message) {
        RdbTransferFraming.Parser parser = new RdbTransferFraming.Parser((b, o, l) -> { });
        assertThatThrownBy(() -> parser.feed(bytes(wire)))
                .isInstanceOf(RdbFramingException.class).hasMessageContaining(message);
    }

    /** Feeds {@code wire} as two chunks split at every point, and as three chunks at many points. */
    private static void checkAllSplits(byte[] wire, byte[] payload, boolean eof) throws IOException {
        for (int a = 0; a <= wire.length; a++) {
            check(wire, payload, eof, a, a);
            check(wire, payload, eof, a, Math.min(wire.length, a + 41));
        }
    }

    private static void check(byte[] wire, byte[] payload, boolean eof, int split1, int split2) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbTransferFraming.Parser parser = new RdbTransferFraming.Parser(ByteChunkConsumer.of(out));
        int[] bounds = {0, split1, split2, wire.length};
        int consumed = 0;
        for (int i = 0; i < 3 && !parser.isComplete(); i++) {
            int len = bounds[i + 1] - bounds[i];
            int used = parser.feed(wire, bounds[i], len);
            consumed += used;
            if (used < len) {
                assertThat(parser.isComplete()).isTrue();
            }
        }
        assertThat(parser.isComplete()).as("split %d/%d", split1, split2).isTrue();
        assertThat(parser.isEofMarked()).isEqualTo(eof);
        assertThat(parser.expectedLength()).isEqualTo(eof ? -1 : payload.length);
        assertThat(out.toByteArray()).as("split %d/%d", split1, split2).isEqualTo(payload);
        assertThat(parser.payloadBytes()).isEqualTo(payload.length);
        assertThat(Arrays.copyOfRange(wire, consumed, wire.length)).isEqualTo(TAIL);
    }

    private static byte[] randomPayload(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
