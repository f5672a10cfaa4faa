package io.replicatedstore.datanode.command.hll;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The HLL format and estimator against redis-server 7.0's bytes and counts. */
class HyperLogLogTest {

    @Test
    void anEmptyHllIsRedisEighteenBytes() {
        byte[] empty = HyperLogLog.empty();
        assertThat(new String(empty, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("HYLL");
        assertThat(empty).hasSize(18);
        assertThat(empty[4]).isEqualTo((byte) 1);
        assertThat(empty[16]).isEqualTo((byte) 0x7f);
        assertThat(empty[17]).isEqualTo((byte) 0xff);
        assertThat(new HyperLogLog(empty).count()).isZero();
        assertThat(new HyperLogLog(empty).decode()).isEqualTo("Z:16384");
    }

    @Test
    void anElementGoesToRedisRegisterWithRedisRunLength() {
        // PFADD h hello; PFDEBUG DECODE h on redis-server: "Z:9216 v:1,1 Z:7167"
        long rc = HyperLogLog.registerAndCount("hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(rc >>> 32).isEqualTo(9216);
        assertThat((int) rc).isEqualTo(1);
        HyperLogLog hll = new HyperLogLog(HyperLogLog.empty());
        assertThat(hll.add("hello".getBytes(StandardCharsets.US_ASCII), 3000)).isEqualTo(1);
        assertThat(hll.add("hello".getBytes(StandardCharsets.US_ASCII), 3000)).isZero();
        assertThat(hll.decode()).isEqualTo("Z:9216 v:1,1 Z:7167");
    }

    @Test
    void tenElementsCountTenAsInRedis() {
        HyperLogLog hll = new HyperLogLog(HyperLogLog.empty());
        for (String e : "a b c d e f g h i j".split(" ")) {
            hll.add(e.getBytes(StandardCharsets.US_ASCII), 3000);
        }
        assertThat(hll.count()).isEqualTo(10);
    }

    @Test
    void denseRegistersPackSixBitsAcrossByteBoundaries() {
        byte[] dense = new byte[HyperLogLog.DENSE_SIZE];
        for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
            HyperLogLog.denseWrite(dense, i, (i * 7) & 63);
        }
        for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
            assertThat(HyperLogLog.denseGet(dense, i)).as("register %d", i).isEqualTo((i * 7) & 63);
        }
    }

    @Test
    void aSparseHllTurnsDenseWhenItWouldOutgrowTheLimitAndCountsTheSame() {
        HyperLogLog sparse = new HyperLogLog(HyperLogLog.empty());
        HyperLogLog reference = new HyperLogLog(HyperLogLog.empty());
        reference.toDense();
        for (int i = 0; i < 2000; i++) {
            byte[] e = ("x" + i).getBytes(StandardCharsets.US_ASCII);
            sparse.add(e, 300);
            reference.add(e, 300);
        }
        assertThat(sparse.isSparse()).isFalse();
        reference.invalidateCache(); // as PFADD does after a change; the sparse changes did it already
        assertThat(sparse.bytes()).hasSize(HyperLogLog.DENSE_SIZE);
        assertThat(java.util.Arrays.equals(sparse.bytes(), reference.bytes())).as("same dense bytes").isTrue();
        assertThat(sparse.count()).isEqualTo(reference.count());
    }

    @Test
    void corruptSparseFormsAreDetected() {
        byte[] value = HyperLogLog.empty();
        value[17] = 0; // an XZERO of 16129 registers: the opcodes no longer cover 16384
        HyperLogLog hll = new HyperLogLog(value);
        assertThat(hll.count()).isEqualTo(-1);
        assertThat(hll.toDense()).isFalse();
        assertThat(hll.mergeInto(new byte[HyperLogLog.REGISTERS])).isFalse();
        assertThat(HyperLogLog.isValid("HYLX".getBytes(StandardCharsets.US_ASCII))).isFalse();
        byte[] shortDense = new byte[100];
        System.arraycopy("HYLL".getBytes(StandardCharsets.US_ASCII), 0, shortDense, 0, 4);
        assertThat(HyperLogLog.isValid(shortDense)).isFalse();
    }

    @Test
    void murmurHash64AOfTheEmptyInputIsTheSeedMixed() {
        // h = seed ^ 0, no blocks, no tail: only the final mix, computed by hand.
        long h = 0xadc83b19L;
        long m = 0xc6a4a7935bd1e995L;
        h ^= h >>> 47;
        h *= m;
        h ^= h >>> 47;
        assertThat(MurmurHash64A.hash(new byte[0], 0xadc83b19L)).isEqualTo(h);
    }
}
