package io.replicatedstore.datanode.persist;

import io.netty.channel.EventLoop;
import io.replicatedstore.datanode.persist.rdb.RdbWriteOptions;
import io.replicatedstore.datanode.persist.rdb.RdbWriter;
import io.replicatedstore.datanode.store.Keyspace;
import io.replicatedstore.datanode.util.Clock;
import io.replicatedstore.datanode.store.Snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One BGSAVE, without fork: a {@link Snapshot} stepped on the keyspace thread a slice at a time
 * (other commands run between slices), serialised by an {@link RdbWriter} into memory chunks
 * that a {@link FileChunkWriter} thread appends to the temporary file. When the writer falls
 * more than {@link #MAX_BUFFERED} behind, stepping pauses, so memory stays bounded.
 */
final class BackgroundSave implements Runnable {

    static final int CHUNK_SIZE = 64 * 1024;
    static final long MAX_BUFFERED = 32L * 1024 * 1024;
    static final int BUCKETS_PER_SLICE = 256;

    private final EventLoop loop;
    private final ChunkedOutput out;
    private final FileChunkWriter file;
    private final RdbWriter writer;
    private final SnapshotRdbSink sink;
    private final Snapshot snapshot;
    private final Consumer<Throwable> done;
    private final Clock clock;
    private final long startNanos;
    private boolean stopped;

    /** Starts the snapshot now; {@code done} gets null on success or the error, on the keyspace thread. */
    BackgroundSave(EventLoop loop, Keyspace keyspace, RdbWriteOptions options, Path temp, Path target,
                   Consumer<Throwable> done) {
        this.loop = loop;
        this.done = done;
        this.clock = keyspace.clock();
        this.startNanos = clock.nanos();
        FileChunkWriter[] fileRef = new FileChunkWriter[1];
        this.out = new ChunkedOutput(CHUNK_SIZE, (chunk, length) -> fileRef[0].write(chunk, length));
        this.file = new FileChunkWriter(temp, target, bytes -> out.released(bytes));
        fileRef[0] = file;
        this.writer = new RdbWriter(out, options);
        this.sink = new SnapshotRdbSink(writer);
        this.snapshot = keyspace.startSnapshot(sink);
        loop.execute(this);
    }

    @Override
    public void run() {
        if (stopped) {
            return;
        }
        Throwable failure = file.failure() != null ? file.failure() : sink.failure();
        if (failure != null) {
            fail(failure);
            return;
        }
        if (out.buffered() > MAX_BUFFERED) {
            loop.schedule(this, 1, TimeUnit.MILLISECONDS);
            return;
        }
        if (!snapshot.step(BUCKETS_PER_SLICE)) {
            // Scheduled, not executed: Netty runs a task queue that keeps refilling for up to its
            // quantum (1 s) before polling sockets again; a due scheduled task waits for the
            // next loop iteration, so clients' commands run between every two slices.
            loop.schedule(this, 0, TimeUnit.NANOSECONDS);
            return;
        }
        if (sink.failure() != null) {
            fail(sink.failure());
            return;
        }
        try {
            writer.finish();
        } catch (IOException | RuntimeException e) {
            fail(e);
            return;
        }
        out.end();
        file.finish().whenComplete((ignored, error) -> loop.execute(() -> {
            if (!stopped) {
                stopped = true;
                done.accept(error);
            }
        }));
    }

    /** Stops the save and deletes its temporary file; {@code done} is not called. */
    void cancel() {
        stopped = true;
        snapshot.cancel();
        file.abort();
    }

    private void fail(Throwable error) {
        stopped = true;
        snapshot.cancel();
        file.abort();
        done.accept(error);
    }

    long elapsedSeconds() {
        return TimeUnit.NANOSECONDS.toSeconds(clock.nanos() - startNanos);
    }

    long keysWritten() {
        return sink.keys();
    }

    /** The most bytes the save held in memory at once (what INFO reports as rdb_last_cow_size). */
    long peakBuffered() {
        return out.peak();
    }
}
