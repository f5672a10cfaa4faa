package io.replicatedstore.datanode.persist.rdb;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Crc64Test {

    @Test
    void checkValueOfRedisJonesCrc() {
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc64.of(data)).isEqualTo(0xe9c6d914c4b8d9caL);
        assertThat(new Crc64().update(data, 0, data.length).value()).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void emptyInputIsZero() {
        assertThat(Crc64.of(new byte[0])).isZero();
    }

    @Test
    void anySplitGivesTheSameValueAsOneCallAndAsBitwise() {
        Random rnd = new Random(42);
        byte[] data = new byte[1000];
        rnd.nextBytes(data);
        long whole = Crc64.of(data);
        assertThat(whole).isEqualTo(bitwise(data));
        for (int trial = 0; trial < 200; trial++) {
            Crc64 crc = new Crc64();
            int pos = 0;
            while (pos < data.length) {
                int n = Math.min(data.length - pos, rnd.nextInt(20));
                if (n == 1 && rnd.nextBoolean()) {
                    crc.update(data[pos]);
                } else {
                    crc.update(data, pos, n);
                }
                pos += n;
            }
            assertThat(crc.value()).isEqualTo(whole);
        }
    }

    /** The definition, one bit at a time, for comparison with the table-driven version. */
    private static long bitwise(byte[] data) {
        long poly = Long.reverse(0xad93d23594c935a9L);
        long crc = 0;
        for (byte b : data) {
            crc ^= b & 0xff;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ poly : crc >>> 1;
            }
        }
        return crc;
    }
}
