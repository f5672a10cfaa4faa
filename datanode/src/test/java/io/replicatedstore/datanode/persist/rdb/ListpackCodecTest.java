package io.replicatedstore.datanode.persist.rdb;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.b;
import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Listpack and intset blobs: exact layout of known cases, round trips, and validation. */
class ListpackCodecTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] listpack(String... elements) {
        ListpackEncoder lp = new ListpackEncoder(16);
        for (String e : elements) {
            lp.add(b(e));
        }
        return lp.toByteArray();
    }

    @Test
    void layoutOfSmallEntriesMatchesRedis() {
        // "a": 6-bit string; 1: 7-bit uint; -1: 13-bit int; 1000: 13-bit; 40000: 24-bit.
        assertThat(listpack("a", "1", "-1", "1000", "40000")).isEqualTo(bytes(
                0x17, 0, 0, 0, 5, 0,
                0x81, 'a', 2,
                0x01, 1,
                0xdf, 0xff, 2,
                0xc3, 0xe8, 2,
                0xf2, 0x40, 0x9c, 0x00, 4,
                0xff));
    }

    @Test
    void everyIntegerWidthAndStringLengthRoundTrips() throws Exception {
        List<String> values = new ArrayList<>(List.of("0", "127", "128", "-4096", "4095", "-4097", "4096",
                "-32768", "32767", "32768", "-8388608", "8388607", "8388608", "-2147483648", "2147483647",
                "2147483648", "-9223372036854775808", "9223372036854775807", "9223372036854775808",
                "-0", "01", "", "x".repeat(63), "x".repeat(64), "y".repeat(4095), "z".repeat(4096),
                "w".repeat(70_000)));
        byte[] lp = listpack(values.toArray(new String[0]));
        List<String> back = new ArrayList<>();
        for (byte[] e : ListpackDecoder.decode(lp)) {
            back.add(s(e));
        }
        assertThat(back).isEqualTo(values);
    }

    @Test
    void backlenOfEveryLengthClassRoundTrips() throws Exception {
        // Entry sizes around the backlen boundaries 127, 16383, 2097151.
        for (int len : new int[] {125, 126, 127, 128, 16378, 16379, 16380, 16381, 16382, 2097140, 2097146, 2097147}) {
            byte[] s = new byte[len];
            new Random(len).nextBytes(s);
            s[0] = 'x'; // never a number
            ListpackEncoder enc = new ListpackEncoder(16);
            enc.add(s);
            enc.add(b("tail"));
            List<byte[]> back = ListpackDecoder.decode(enc.toByteArray());
            assertThat(back.get(0)).isEqualTo(s);
            assertThat(s(back.get(1))).isEqualTo("tail");
        }
    }

    @Test
    void countSaturatesAt65535() throws Exception {
        ListpackEncoder enc = new ListpackEncoder(16);
        for (int i = 0; i < 70_000; i++) {
            enc.add(b(Integer.toString(i % 100)));
        }
        byte[] lp = enc.toByteArray();
        assertThat(lp[4] & 0xff | (lp[5] & 0xff) << 8).isEqualTo(0xffff);
        assertThat(ListpackDecoder.decode(lp)).hasSize(70_000);
    }

    @Test
    void entrySizeAgreesWithTheEncoder() {
        for (String s : List.of("1", "-1", "1000", "70000", "9000000", "3000000000", "a", "x".repeat(100),
                "y".repeat(5000))) {
            ListpackEncoder enc = new ListpackEncoder(16);
            enc.add(b(s));
            assertThat(enc.bytes() - ListpackEncoder.EMPTY_SIZE).as(s).isEqualTo(ListpackEncoder.entrySize(b(s)));
        }
    }

    @Test
    void corruptListpacksAreRejected() {
        byte[] good = listpack("a", "hello", "12");
        byte[] wrongTotal = good.clone();
        wrongTotal[0]++;
        assertThatThrownBy(() -> ListpackDecoder.decode(wrongTotal)).hasMessageContaining("header says");
        byte[] noTerminator = good.clone();
        noTerminator[good.length - 1] = 0;
        assertThatThrownBy(() -> ListpackDecoder.decode(noTerminator)).hasMessageContaining("terminator");
        byte[] wrongCount = good.clone();
        wrongCount[4] = 7;
        assertThatThrownBy(() -> ListpackDecoder.decode(wrongCount)).hasMessageContaining("counts 7");
        byte[] wrongBacklen = good.clone();
        wrongBacklen[8] = 5; // backlen of "a"
        assertThatThrownBy(() -> ListpackDecoder.decode(wrongBacklen)).hasMessageContaining("backlen");
        byte[] longString = good.clone();
        longString[6] = (byte) (0x80 | 60); // "a" claims 60 bytes
        assertThatThrownBy(() -> ListpackDecoder.decode(longString)).hasMessageContaining("passes the end");
        byte[] badEncoding = good.clone();
        badEncoding[6] = (byte) 0xf7;
        assertThatThrownBy(() -> ListpackDecoder.decode(badEncoding)).hasMessageContaining("invalid listpack entry encoding");
        assertThatThrownBy(() -> ListpackDecoder.decode(new byte[3])).hasMessageContaining("shorter than its header");
    }

    @Test
    void randomCorruptionNeverEscapesAsAnythingElse() {
        Random rnd = new Random(11);
        byte[] good = listpack("a", "hello", "12", "-5000", "x".repeat(300), "123456789012", "q");
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] bad = good.clone();
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
            }
            try {
                ListpackDecoder.decode(bad);
            } catch (BlobFormatException expected) {
                // fine
            }
        }
    }

    @Test
    void intsetsPickTheNarrowestWidthAndSort() throws Exception {
        assertThat(IntsetEncoder.encode(new long[] {3, -1, 2})).isEqualTo(bytes(
                2, 0, 0, 0, 3, 0, 0, 0, 0xff, 0xff, 2, 0, 3, 0));
        assertThat(IntsetEncoder.encode(new long[] {40000})).hasSize(8 + 4);
        assertThat(IntsetEncoder.encode(new long[] {1, 1L << 40})).hasSize(8 + 16);
        long[] values = {Long.MIN_VALUE, -1, 0, 70000, Long.MAX_VALUE};
        assertThat(IntsetDecoder.decode(IntsetEncoder.encode(values))).containsExactly(values);
    }

    @Test
    void corruptIntsetsAreRejected() {
        assertThatThrownBy(() -> IntsetDecoder.decode(bytes(3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0)))
                .hasMessageContaining("invalid intset encoding 3");
        assertThatThrownBy(() -> IntsetDecoder.decode(bytes(2, 0, 0, 0, 2, 0, 0, 0, 1, 0)))
                .hasMessageContaining("in a blob of");
        assertThatThrownBy(() -> IntsetDecoder.decode(bytes(2, 0, 0, 0, 0, 0, 0, 0)))
                .hasMessageContaining("empty intset");
        assertThatThrownBy(() -> IntsetDecoder.decode(bytes(2, 0, 0, 0, 2, 0, 0, 0, 5, 0, 5, 0)))
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> IntsetDecoder.decode(bytes(2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff)))
                .hasMessageContaining("in a blob of");
    }
}
