package io.replicatedstore.datanode.persist.rdb;

/**
 * Reads an intset (see {@link IntsetEncoder} for the layout), checking the width, that the
 * size matches the count, that it is not empty, and that elements ascend strictly (no
 * duplicates), as Redis's deep integrity check does.
 */
final class IntsetDecoder {

    private IntsetDecoder() {
    }

    static long[] decode(byte[] is) throws BlobFormatException {
        if (is.length < IntsetEncoder.HEADER_SIZE) {
            throw new BlobFormatException("intset of " + is.length + " bytes is shorter than its header");
        }
        long width = le(is, 0, 4);
        if (width != 2 && width != 4 && width != 8) {
            throw new BlobFormatException("invalid intset encoding " + width);
        }
        long count = le(is, 4, 4);
        if (IntsetEncoder.HEADER_SIZE + count * width != is.length) {
            throw new BlobFormatException("intset of " + count + " x " + width + " bytes in a blob of " + is.length);
        }
        if (count == 0) {
            throw new BlobFormatException("empty intset");
        }
        long[] out = new long[(int) count];
        int w = (int) width;
        int shift = 64 - 8 * w;
        for (int i = 0; i < count; i++) {
            long v = (le(is, IntsetEncoder.HEADER_SIZE + i * w, w) << shift) >> shift;
            if (i > 0 && v <= out[i - 1]) {
                throw new BlobFormatException("intset elements not in strictly ascending order");
            }
            out[i] = v;
        }
        return out;
    }

    private static long le(byte[] b, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (b[off + i] & 0xffL) << (8 * i);
        }
        return v;
    }
}
