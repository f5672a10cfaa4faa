package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.persist.Persistence;
import io.replicatedstore.datanode.persist.RdbLoader;
import io.replicatedstore.datanode.persist.rdb.EncodingLimits;
import io.replicatedstore.datanode.store.Keyspace;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A full resync's RDB parsed while it arrives: the replication link hands each received piece
 * over ({@link #offer}), a loader thread reads them into a keyspace of its own that nobody
 * serves, and the link adopts that keyspace only once the transfer ended and the RDB (checksum
 * included) was read whole ({@link #finish}, which waits on the keyspace thread for the last
 * few MB, as Redis's load blocks it for the whole file). A transfer cut short or a bad RDB leaves the served dataset as it
 * was: the staged keys are dropped. The link still writes the file too (it becomes the
 * replica's dump.rdb, as with {@code repl-diskless-load disabled}).
 *
 * <p>Memory is bounded: past {@link #PAUSE_ABOVE} bytes waiting for the loader the link stops
 * reading the socket ({@link #offer} says so), and reads again once the loader is below
 * {@link #RESUME_BELOW}, so a slow loader slows the master's stream instead of buffering it.
 */
final class StreamingLoad implements Runnable {

    static final long PAUSE_ABOVE = 8L << 20;
    static final long RESUME_BELOW = 2L << 20;

    private final Pipe pipe = new Pipe();
    private final Keyspace staging;
    private final long length;
    private final EncodingLimits limits;
    private final Executor keyspaceThread;
    private final Consumer<Throwable> failed;
    private final CompletableFuture<RdbLoader.Result> result = new CompletableFuture<>();
    private final Runnable resume;
    private final Thread thread;
    /** Guarded by the pipe's lock. */
    private boolean paused;

    /**
     * @param length   the RDB's length ({@code $<len>}), or -1 (diskless {@code $EOF:})
     * @param failed   told of a failure (a bad RDB) on {@code keyspaceThread}, unless {@link #finish} got it
     * @param resume   run on {@code keyspaceThread} when reading may go on after {@link #offer} paused it
     */
    StreamingLoad(Keyspace staging, long length, EncodingLimits limits, Executor keyspaceThread,
                  Consumer<Throwable> failed, Runnable resume) {
        this.staging = staging;
        this.length = length;
        this.limits = limits;
        this.keyspaceThread = keyspaceThread;
        this.failed = failed;
        this.resume = resume;
        this.thread = new Thread(this, "rdb-load-from-master");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    Keyspace staging() {
        return staging;
    }

    /** Received RDB bytes (copied: the caller's buffer is reused); true when reading should pause. */
    boolean offer(byte[] b, int off, int len) {
        return pipe.add(b, off, len);
    }

    /**
     * The transfer is complete: waits for the loader to read what it was given (a few MB at
     * most, see {@link #PAUSE_ABOVE}) and returns what it loaded, or throws what went wrong.
     */
    RdbLoader.Result finish() throws IOException {
        pipe.close(false);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new IOException("interrupted while loading");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause.getMessage()), cause);
        }
    }

    /** The transfer broke, or the link goes away: the loader stops and its keys are dropped. */
    void abort() {
        pipe.close(true);
    }

    @Override
    public void run() {
        RdbLoader.Result result = null;
        Throwable failure = null;
        try {
            result = Persistence.loadStaged(staging, pipe, length, limits);
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        }
        pipe.close(true); // nothing more is read: free what is queued
        if (failure == null) {
            this.result.complete(result);
        } else {
            this.result.completeExceptionally(failure);
            Throwable f = failure;
            keyspaceThread.execute(() -> failed.accept(f));
        }
    }

    /**
     * Pieces of the transfer, from the keyspace thread to the loader thread, in blocks of 64 KiB
     * that are used again once read (a transfer is hundreds of MB: copies into fresh arrays
     * would be that much garbage for the collector, next to the keys being loaded).
     */
    private final class Pipe extends InputStream {

        private static final int BLOCK = 64 * 1024;

        private final ArrayDeque<Block> blocks = new ArrayDeque<>();
        private final ArrayDeque<Block> free = new ArrayDeque<>();
        private Block current;
        private long queued;
        private boolean ended;
        private boolean aborted;

        /** True when the link should stop reading (until {@code resume}). */
        synchronized boolean add(byte[] b, int off, int len) {
            if (ended || aborted || len == 0) {
                return false;
            }
            queued += len;
            while (len > 0) {
                Block tail = blocks.peekLast();
                if (tail == null || tail.end == BLOCK) {
                    tail = free.isEmpty() ? new Block() : free.poll();
                    tail.start = 0;
                    tail.end = 0;
                    blocks.add(tail);
                }
                int n = Math.min(len, BLOCK - tail.end);
                System.arraycopy(b, off, tail.data, tail.end, n);
                tail.end += n;
                off += n;
                len -= n;
            }
            notifyAll();
            if (queued > PAUSE_ABOVE) {
                paused = true;
            }
            return paused;
        }

        synchronized void close(boolean abort) {
            ended = true;
            if (abort) {
                aborted = true;
                blocks.clear();
                free.clear();
                current = null;
                queued = 0;
            }
            notifyAll();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            boolean wake;
            int n;
            synchronized (this) {
                while (!aborted && (current == null || current.start == current.end)) {
                    if (current != null) {
                        free.add(current);
                        current = null;
                    }
                    current = blocks.poll();
                    if (current != null) {
                        break;
                    }
                    if (ended) {
                        return -1;
                    }
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                }
                if (aborted) {
                    throw new IOException("the transfer was aborted");
                }
                n = Math.min(len, current.end - current.start);
                System.arraycopy(current.data, current.start, b, off, n);
                current.start += n;
                queued -= n;
                wake = paused && queued < RESUME_BELOW;
                if (wake) {
                    paused = false;
                }
            }
            if (wake) {
                keyspaceThread.execute(resume);
            }
            return n;
        }

        @Override
        public synchronized int available() {
            return (int) Math.min(Integer.MAX_VALUE, queued);
        }
    }

    private static final class Block {
        final byte[] data = new byte[Pipe.BLOCK];
        int start;
        int end;
    }
}
