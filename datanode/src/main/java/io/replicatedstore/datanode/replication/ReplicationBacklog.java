package io.replicatedstore.datanode.replication;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The master's replication backlog: a fixed-capacity ring holding the newest propagated bytes so a
 * reconnecting replica can resume with PSYNC instead of a full resync.
 *
 * <p>Offsets follow Redis: {@code masterOffset} is the offset of the last byte ever propagated (0 before
 * any), and byte number {@code k} (1-based) is the k-th byte of the replication stream. The backlog
 * holds bytes {@code firstByteOffset() .. masterOffset()}. Not thread-safe.
 */
public final class ReplicationBacklog {

    private byte[] ring;
    /** Index in {@link #ring} where the next byte goes. */
    private int writeIndex;
    private int histlen;
    private long masterOffset;

    /**
     * @param capacity     repl-backlog-size in bytes
     * @param masterOffset the current master_repl_offset; like Redis's createReplicationBacklog, the
     *                     backlog starts empty with its first byte offset at {@code masterOffset + 1}
     */
    public ReplicationBacklog(int capacity, long masterOffset) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("backlog capacity must be positive: " + capacity);
        }
        if (masterOffset < 0) {
            throw new IllegalArgumentException("master offset must be >= 0: " + masterOffset);
        }
        this.ring = new byte[capacity];
        this.masterOffset = masterOffset;
    }

    public int capacity() {
        return ring.length;
    }

    /** master_repl_offset: offset of the last byte appended. */
    public long masterOffset() {
        return masterOffset;
    }

    /** Number of bytes currently held (at most {@link #capacity()}). */
    public int histlen() {
        return histlen;
    }

    /** repl_backlog->offset: offset of the oldest byte held; {@code masterOffset() + 1} when empty. */
    public long firstByteOffset() {
        return masterOffset - histlen + 1;
    }

    /** Appends propagated bytes, overwriting the oldest ones once the ring is full. */
    public void append(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        int cap = ring.length;
        masterOffset += len;
        if (len >= cap) {
            // Only the newest `cap` bytes can survive; write them linearly from index 0.
            System.arraycopy(b, off + len - cap, ring, 0, cap);
            writeIndex = 0;
            histlen = cap;
            return;
        }
        int first = Math.min(len, cap - writeIndex);
        System.arraycopy(b, off, ring, writeIndex, first);
        System.arraycopy(b, off + first, ring, 0, len - first);
        writeIndex = (writeIndex + len) % cap;
        histlen = Math.min(cap, histlen + len);
    }

    public void append(byte[] b) {
        append(b, 0, b.length);
    }

    /**
     * Changes repl-backlog-size, keeping the newest {@code min(histlen, newCapacity)} bytes, so a
     * CONFIG SET does not force every lagging replica into a full resync.
     */
    public void resize(int newCapacity) {
        if (newCapacity <= 0) {
            throw new IllegalArgumentException("backlog capacity must be positive: " + newCapacity);
        }
        if (newCapacity == ring.length) {
            return;
        }
        int keep = Math.min(histlen, newCapacity);
        byte[] next = new byte[newCapacity];
        int[] pos = {0};
        try {
            forEachChunk(masterOffset - keep + 1, (bytes, o, l) -> {
                System.arraycopy(bytes, o, next, pos[0], l);
                pos[0] += l;
            });
        } catch (IOException e) {
            throw new AssertionError(e); // an in-memory copy never throws
        }
        ring = next;
        histlen = keep;
        writeIndex = keep % newCapacity;
    }

    /**
     * Redis's masterTryPartialResynchronization backlog test: the replica asks to continue from
     * {@code psyncOffset} (the offset of the next byte it needs), which must be within
     * {@code [firstByteOffset, firstByteOffset + histlen]}. The upper bound equals
     * {@code masterOffset + 1}: a fully caught-up replica is served zero bytes.
     */
    public boolean covers(long psyncOffset) {
        long first = firstByteOffset();
        return psyncOffset >= first && psyncOffset <= first + histlen;
    }

    /**
     * Emits the bytes from {@code psyncOffset} through {@link #masterOffset()} in order (at most two
     * chunks, because of the wrap-around) and returns how many were emitted. Chunks are views of the
     * internal ring: valid only during the callback.
     *
     * @throws IllegalArgumentException if {@link #covers(long)} is false
     */
    public long copyFrom(long psyncOffset, ByteChunkConsumer consumer) throws IOException {
        if (!covers(psyncOffset)) {
            throw new IllegalArgumentException("offset " + psyncOffset + " not in backlog ["
                    + firstByteOffset() + ", " + (masterOffset + 1) + "]");
        }
        return forEachChunk(psyncOffset, consumer);
    }

    public long copyFrom(long psyncOffset, OutputStream out) throws IOException {
        return copyFrom(psyncOffset, ByteChunkConsumer.of(out));
    }

    private long forEachChunk(long fromOffset, ByteChunkConsumer consumer) throws IOException {
        int skip = (int) (fromOffset - firstByteOffset());
        int count = histlen - skip;
        if (count == 0) {
            return 0;
        }
        int cap = ring.length;
        int start = Math.floorMod(writeIndex - histlen + skip, cap);
        int first = Math.min(count, cap - start);
        consumer.accept(ring, start, first);
        if (count > first) {
            consumer.accept(ring, 0, count - first);
        }
        return count;
    }
}
