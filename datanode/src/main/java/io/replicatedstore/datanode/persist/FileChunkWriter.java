package io.replicatedstore.datanode.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The one background thread of a save that touches the disk: appends chunks to the temporary
 * file in order, then fsyncs it and renames it over the RDB file. The first I/O error sticks:
 * later chunks are dropped and {@link #finish} fails.
 */
final class FileChunkWriter {

    private final Path temp;
    private final Path target;
    private final LongConsumer released;
    private final ExecutorService io;
    private FileChannel channel;
    private volatile IOException failure;
    private volatile boolean aborted;

    FileChunkWriter(Path temp, Path target, LongConsumer released) {
        this.temp = temp;
        this.target = target;
        this.released = released;
        this.io = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "rdb-bgsave-io");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues a chunk; its bytes are released once written (or dropped after a failure). */
    void write(byte[] chunk, int length) {
        io.execute(() -> {
            try {
                if (failure == null && !aborted) {
                    if (channel == null) {
                        channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                                StandardOpenOption.TRUNCATE_EXISTING);
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, length);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
            } catch (IOException e) {
                failure = e;
            } finally {
                released.accept(length);
            }
        });
    }

    /** The first write error, or null. */
    IOException failure() {
        return failure;
    }

    /** After the last chunk: fsync, close and rename; completes with the error if any. */
    CompletableFuture<Void> finish() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        io.execute(() -> {
            try {
                if (aborted) {
                    throw new IOException("save cancelled");
                }
                if (failure != null) {
                    throw failure;
                }
                if (channel == null) {
                    channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
                }
                channel.force(true);
                channel.close();
                RdbFiles.publish(temp, target);
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                closeAndDelete();
                done.completeExceptionally(e);
            }
        });
        io.shutdown();
        return done;
    }

    /** Drops the save: closes and deletes the temporary file, waiting (briefly) for the thread. */
    void abort() {
        aborted = true;
        if (!io.isShutdown()) {
            io.execute(this::closeAndDelete);
            io.shutdown();
        }
        try {
            io.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeAndDelete() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // deleting it anyway
            }
        }
        RdbFiles.deleteQuietly(temp);
    }
}
