package io.replicatedstore.datanode.persist.rdb;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RedisLzfTest {

    @Test
    void whatItCompressesDecompressesToTheInput() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] in = new byte[1 + random.nextInt(3000)];
            int alphabet = 1 + random.nextInt(round % 3 == 0 ? 255 : 4);
            for (int i = 0; i < in.length; i++) {
                in[i] = (byte) random.nextInt(alphabet);
            }
            byte[] out = new byte[in.length + in.length / 32 + 64];
            int n = RedisLzf.compress(in, out, out.length);
            assertThat(n).as("round %d length %d", round, in.length).isPositive();
            assertThat(Lzf.decompress(Arrays.copyOf(out, n), in.length)).as("round %d", round).isEqualTo(in);
        }
    }

    @Test
    void outputThatDoesNotFitGivesZero() {
        byte[] in = new byte[100];
        new Random(1).nextBytes(in);
        assertThat(RedisLzf.compress(in, new byte[96], 96)).isZero();
    }

    @Test
    void aLibraryCompressesToTheBytesRedisServerMakes() {
        // FUNCTION DUMP of this library by redis-server 7.0.15: C3 40 8E 41 4A, then these bytes.
        String code = "#!lua name=lib2\n-- " + "text that compresses well ".repeat(8)
                + "\nredis.register_function{function_name='f2', callback=function() return 'two' end, flags={'no-writes'}}";
        byte[] in = code.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[in.length - 4];
        int n = RedisLzf.compress(in, out, out.length);
        byte[] expectedStart = {31, 35, 33, 108, 117, 97, 32, 110, 97, 109, 101, 61, 108, 105, 98, 50, 10, 45, 45, 32,
                116, 101, 120, 116, 32, 116, 104, 97, 116, 32, 99, 111, 109, 11, 112, 114, 101, 115, 115, 101, 115, 32,
                119, 101, 108, 108, -32, -82, 25, 24, 10, 114, 101, 100, 105, 115, 46, 114, 101, 103, 105, 115, 116,
                101, 114, 95, 102, 117, 110, 99, 116, 105, 111, 110, 123, -64, 8, 0, 95, 96, -2, 14, 39, 102, 50, 39};
        assertThat(n).isEqualTo(0x8E);
        assertThat(Arrays.copyOf(out, expectedStart.length)).isEqualTo(expectedStart);
    }
}
