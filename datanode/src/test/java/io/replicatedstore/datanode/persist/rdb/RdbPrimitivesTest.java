package io.replicatedstore.datanode.persist.rdb;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

import static io.replicatedstore.datanode.persist.rdb.RdbTestValues.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RDB's primitive encodings: lengths and the three string forms, byte for byte. */
class RdbPrimitivesTest {

    private static byte[] encodeString(byte[] s, boolean compression) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbOutput out = new RdbOutput(bytes, compression);
        out.writeString(s);
        out.finish(false);
        byte[] all = bytes.toByteArray();
        return java.util.Arrays.copyOf(all, all.length - 8); // drop the trailer
    }

    private static byte[] encodeLength(long len) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbOutput out = new RdbOutput(bytes, false);
        out.writeLength(len);
        out.finish(false);
        byte[] all = bytes.toByteArray();
        return java.util.Arrays.copyOf(all, all.length - 8);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] decodeString(byte[] encoded) throws IOException {
        RdbInput in = new RdbInput(new ByteArrayInputStream(encoded), encoded.length);
        byte[] s = in.readString();
        assertThat(in.offset()).isEqualTo(encoded.length);
        return s;
    }

    @Test
    void lengthsUseTheShortestForm() throws IOException {
        assertThat(encodeLength(0)).isEqualTo(bytes(0x00));
        assertThat(encodeLength(63)).isEqualTo(bytes(0x3f));
        assertThat(encodeLength(64)).isEqualTo(bytes(0x40, 0x40));
        assertThat(encodeLength(16383)).isEqualTo(bytes(0x7f, 0xff));
        assertThat(encodeLength(16384)).isEqualTo(bytes(0x80, 0x00, 0x00, 0x40, 0x00));
        assertThat(encodeLength(0xffffffffL)).isEqualTo(bytes(0x80, 0xff, 0xff, 0xff, 0xff));
        assertThat(encodeLength(1L << 32)).isEqualTo(bytes(0x81, 0, 0, 0, 1, 0, 0, 0, 0));
        for (long len : new long[] {0, 1, 63, 64, 16383, 16384, 0xffffffffL, 1L << 32, Long.MAX_VALUE}) {
            byte[] enc = encodeLength(len);
            assertThat(new RdbInput(new ByteArrayInputStream(enc), -1).readLength()).isEqualTo(len);
        }
    }

    @Test
    void canonicalIntegersUpTo32BitsAreIntegerEncoded() throws IOException {
        assertThat(encodeString(b("0"), true)).isEqualTo(bytes(0xc0, 0x00));
        assertThat(encodeString(b("-1"), true)).isEqualTo(bytes(0xc0, 0xff));
        assertThat(encodeString(b("127"), true)).isEqualTo(bytes(0xc0, 0x7f));
        assertThat(encodeString(b("-128"), true)).isEqualTo(bytes(0xc0, 0x80));
        assertThat(encodeString(b("128"), true)).isEqualTo(bytes(0xc1, 0x80, 0x00));
        assertThat(encodeString(b("-32768"), true)).isEqualTo(bytes(0xc1, 0x00, 0x80));
        assertThat(encodeString(b("32768"), true)).isEqualTo(bytes(0xc2, 0x00, 0x80, 0x00, 0x00));
        assertThat(encodeString(b("2147483647"), true)).isEqualTo(bytes(0xc2, 0xff, 0xff, 0xff, 0x7f));
        assertThat(encodeString(b("-2147483648"), true)).isEqualTo(bytes(0xc2, 0x00, 0x00, 0x00, 0x80));
        for (String s : List.of("0", "-1", "127", "-128", "128", "-32768", "32768", "2147483647", "-2147483648")) {
            assertThat(decodeString(encodeString(b(s), true))).isEqualTo(b(s));
        }
    }

    @Test
    void otherNumbersAreRaw() throws IOException {
        for (String s : List.of("2147483648", "-2147483649", "12345678901", "007", "-0", "+1", " 1", "1 ",
                "9223372036854775807", "1.5", "0x10")) {
            byte[] enc = encodeString(b(s), true);
            assertThat(enc[0]).as(s).isEqualTo((byte) s.length());
            assertThat(decodeString(enc)).isEqualTo(b(s));
        }
        assertThat(encodeString(new byte[0], true)).isEqualTo(bytes(0x00));
        assertThat(decodeString(bytes(0x00))).isEmpty();
    }

    @Test
    void stringsOver20BytesAreCompressedWhenThatSavesAtLeastFourBytes() throws IOException {
        byte[] twenty = b("a".repeat(20));
        assertThat(encodeString(twenty, true)[0]).isEqualTo((byte) 20);
        byte[] twentyOne = b("a".repeat(21));
        byte[] enc = encodeString(twentyOne, true);
        assertThat(enc[0]).isEqualTo((byte) 0xc3);
        assertThat(decodeString(enc)).isEqualTo(twentyOne);
        assertThat(encodeString(twentyOne, false)[0]).isEqualTo((byte) 21);

        byte[] random = new byte[100];
        new Random(7).nextBytes(random);
        assertThat(encodeString(random, true)[0]).isEqualTo((byte) 0x40); // 14-bit length 100
        assertThat(decodeString(encodeString(random, true))).isEqualTo(random);

        byte[] big = b("abcdefgh".repeat(200_000));
        byte[] bigEnc = encodeString(big, true);
        assertThat(bigEnc.length).isLessThan(big.length / 20);
        assertThat(decodeString(bigEnc)).isEqualTo(big);
    }

    @Test
    void compressedStringsDecodeTheSameWhereverTheReadBufferCutsThem() throws IOException {
        // Short ones decompress straight from the read buffer, unless they straddle its end;
        // one whose compressed form is longer than the buffer, and a stream of unknown length
        // (read exactly, never ahead), take the copy.
        Random rnd = new Random(11);
        List<byte[]> strings = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            byte[] s = new byte[21 + rnd.nextInt(400)];
            for (int j = 0; j < s.length; j++) {
                s[j] = (byte) ('a' + rnd.nextInt(3));
            }
            strings.add(s);
        }
        byte[] long_ = new byte[400_000];
        for (int j = 0; j < long_.length; j++) {
            long_[j] = (byte) ('a' + rnd.nextInt(4));
        }
        strings.add(1_000, long_);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbOutput out = new RdbOutput(bytes, true);
        for (byte[] s : strings) {
            out.writeString(s);
        }
        out.finish(false);
        byte[] encoded = bytes.toByteArray();
        assertThat(encoded.length).isLessThan(strings.stream().mapToInt(s -> s.length).sum());
        for (long length : new long[] {encoded.length, -1}) {
            RdbInput in = new RdbInput(new ByteArrayInputStream(encoded), length);
            for (byte[] s : strings) {
                assertThat(in.readString()).isEqualTo(s);
            }
            assertThat(in.offset()).isEqualTo(encoded.length - 8);
        }
    }

    @Test
    void readsAllIntegerEncodingsAsWrittenByRedis() throws IOException {
        assertThat(decodeString(bytes(0xc0, 0xfe))).isEqualTo(b("-2"));
        assertThat(decodeString(bytes(0xc1, 0x39, 0x30))).isEqualTo(b("12345"));
        assertThat(decodeString(bytes(0xc2, 0xd2, 0x02, 0x96, 0x49))).isEqualTo(b("1234567890"));
        assertThatThrownBy(() -> decodeString(bytes(0xc4)))
                .isInstanceOf(RdbFormatException.class).hasMessageContaining("unknown string encoding 4");
    }
}
