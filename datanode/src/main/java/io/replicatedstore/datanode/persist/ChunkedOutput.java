package io.replicatedstore.datanode.persist;

import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjIntConsumer;

/**
 * An in-memory output of fixed-size chunks: each full chunk is handed to a consumer (the I/O
 * thread's queue) and counts as buffered until the consumer calls {@link #released}. Written to
 * by the keyspace thread only; {@link #released} may come from any thread.
 */
final class ChunkedOutput extends OutputStream {

    private final int chunkSize;
    private final ObjIntConsumer<byte[]> handoff;
    private final AtomicLong queued = new AtomicLong();
    private byte[] chunk;
    private int position;
    private long total;
    private long peak;

    ChunkedOutput(int chunkSize, ObjIntConsumer<byte[]> handoff) {
        this.chunkSize = chunkSize;
        this.handoff = handoff;
        this.chunk = new byte[chunkSize];
    }

    @Override
    public void write(int b) {
        chunk[position++] = (byte) b;
        if (position == chunkSize) {
            handOff();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        while (length > 0) {
            int n = Math.min(length, chunkSize - position);
            System.arraycopy(bytes, offset, chunk, position, n);
            position += n;
            offset += n;
            length -= n;
            if (position == chunkSize) {
                handOff();
            }
        }
    }

    /** Hands off the partial last chunk; nothing may be written afterwards. */
    void end() {
        if (position > 0) {
            handOff();
        }
        chunk = null;
    }

    /** The consumer is done with {@code bytes} bytes of handed-off chunks. */
    void released(long bytes) {
        queued.addAndGet(-bytes);
    }

    /** Bytes held in memory: the chunks not written out yet and the one being filled. */
    long buffered() {
        return queued.get() + position;
    }

    /** The most bytes ever held in memory at once. */
    long peak() {
        return Math.max(peak, buffered());
    }

    long total() {
        return total + position;
    }

    private void handOff() {
        byte[] full = chunk;
        int length = position;
        total += length;
        peak = Math.max(peak, queued.addAndGet(length));
        chunk = new byte[chunkSize];
        position = 0;
        handoff.accept(full, length);
    }
}
