package io.replicatedstore.datanode.command.hll;

/**
 * Austin Appleby's MurmurHash64A, reading 8-byte blocks little endian as Redis does on x86, so
 * an element lands in the same register with the same run length as in Redis's HyperLogLogs.
 * Hand-written: the well-known libraries (Guava, commons-codec) offer Murmur3, not this variant.
 */
public final class MurmurHash64A {

    private static final long M = 0xc6a4a7935bd1e995L;
    private static final int R = 47;

    private MurmurHash64A() {
    }

    public static long hash(byte[] data, long seed) {
        int length = data.length;
        long h = seed ^ (length * M);
        int blocks = length - (length & 7);
        for (int i = 0; i < blocks; i += 8) {
            long k = (data[i] & 0xffL) | (data[i + 1] & 0xffL) << 8 | (data[i + 2] & 0xffL) << 16
                    | (data[i + 3] & 0xffL) << 24 | (data[i + 4] & 0xffL) << 32 | (data[i + 5] & 0xffL) << 40
                    | (data[i + 6] & 0xffL) << 48 | (data[i + 7] & 0xffL) << 56;
            k *= M;
            k ^= k >>> R;
            k *= M;
            h ^= k;
            h *= M;
        }
        int tail = length & 7;
        if (tail > 0) {
            for (int i = tail - 1; i >= 0; i--) {
                h ^= (data[blocks + i] & 0xffL) << (8 * i);
            }
            h *= M;
        }
        h ^= h >>> R;
        h *= M;
        h ^= h >>> R;
        return h;
    }
}
