package io.replicatedstore.datanode.persist;

import io.netty.channel.EventLoop;
import io.replicatedstore.datanode.persist.rdb.RdbWriteOptions;
import io.replicatedstore.datanode.persist.rdb.RdbWriter;
import io.replicatedstore.datanode.store.Keyspace;
import io.replicatedstore.datanode.store.Snapshot;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A forkless RDB snapshot streamed to sockets instead of a file (diskless replication): the
 * snapshot is stepped on the keyspace thread a slice at a time, and each 64 KiB chunk of RDB goes
 * to the {@link Target}. Stepping waits while the target cannot take more (the slowest replica
 * sets the pace, as with Redis's pipe to the child), so memory stays bounded.
 */
public final class RdbSnapshotStream implements Runnable {

    /** Where the chunks go: the replicas of one diskless sync. */
    public interface Target {

        /** Whether more chunks may be sent now; stepping pauses while false. */
        boolean writable();

        /** A chunk of RDB; {@code chunk} is not reused afterwards. */
        void chunk(byte[] chunk, int length);

        /** The RDB is complete (error null) or failed; called once, on the keyspace thread. */
        void done(Throwable error);
    }

    private final EventLoop loop;
    private final Target target;
    private final ChunkedOutput out;
    private final RdbWriter writer;
    private final SnapshotRdbSink sink;
    private final Snapshot snapshot;
    private boolean stopped;

    /** Starts the snapshot now, at the current point of the keyspace. */
    public RdbSnapshotStream(EventLoop loop, Keyspace keyspace, RdbWriteOptions options, Target target) {
        this.loop = loop;
        this.target = target;
        ChunkedOutput[] self = new ChunkedOutput[1];
        this.out = new ChunkedOutput(BackgroundSave.CHUNK_SIZE, (chunk, length) -> {
            self[0].released(length); // the socket owns it now; writability is the back pressure
            target.chunk(chunk, length);
        });
        self[0] = out;
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
        if (sink.failure() != null) {
            fail(sink.failure());
            return;
        }
        if (!target.writable()) {
            loop.schedule(this, 1, TimeUnit.MILLISECONDS);
            return;
        }
        if (!snapshot.step(BackgroundSave.BUCKETS_PER_SLICE)) {
            loop.schedule(this, 0, TimeUnit.NANOSECONDS); // see BackgroundSave: lets clients run between slices
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
        stopped = true;
        target.done(null);
    }

    /** Stops streaming; {@link Target#done} is not called. */
    public void cancel() {
        stopped = true;
        snapshot.cancel();
    }

    private void fail(Throwable error) {
        stopped = true;
        snapshot.cancel();
        target.done(error);
    }

    /** Bytes of RDB produced so far. */
    public long bytes() {
        return out.total();
    }
}
