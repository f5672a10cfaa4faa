package io.replicatedstore.datanode.persist.aof;

import io.replicatedstore.datanode.resp.PropagationEncoder;
import io.replicatedstore.datanode.server.Server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The append path: buffers the propagated command stream, writes it to the open incremental file
 * before replies go out, and applies appendfsync (always fsyncs in the write, everysec marks an
 * fsync for the "aof-fsync" thread, no leaves it to the OS). A failed write is kept as the error
 * behind MISCONF and retried. Everything but the fsync thread runs on the keyspace thread.
 */
final class AofWriter {

    // The AppendOnlyFile logger, so log records keep the name they always had.
    private static final Logger LOG = Logger.getLogger(AppendOnlyFile.class.getName());
    private static final int INITIAL_BUFFER = 16 * 1024;

    private final Server server;
    private final PropagationEncoder encoder = new PropagationEncoder();
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int buffered;

    private FileChannel incr;
    private Path incrPath;
    private volatile FileChannel fsyncTarget;
    private volatile boolean fsyncPending;
    private ScheduledExecutorService fsyncThread;

    private String writeError;
    /** The AOF's size: base and incremental files, plus what this writer has written since. */
    private long currentSize;

    AofWriter(Server server) {
        this.server = server;
    }

    /** Appends to {@code path} from now on; returns the previous file, left open for the caller. */
    FileChannel open(Path path) throws IOException {
        FileChannel old = incr;
        incr = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        incrPath = path;
        fsyncTarget = incr;
        encoder.reset();
        return old;
    }

    Path path() {
        return incrPath;
    }

    /** The open file was renamed to {@code path}. */
    void moved(Path path) {
        incrPath = path;
    }

    void startFsyncThread() {
        fsyncThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "aof-fsync");
            thread.setDaemon(true);
            return thread;
        });
        fsyncThread.scheduleWithFixedDelay(this::backgroundFsync, 1, 1, TimeUnit.SECONDS);
    }

    private void backgroundFsync() {
        if (!fsyncPending) {
            return;
        }
        fsyncPending = false;
        FileChannel channel = fsyncTarget;
        try {
            if (channel != null && channel.isOpen()) {
                channel.force(false);
            }
        } catch (IOException e) {
            if (channel.isOpen()) {
                LOG.warning("AOF fsync error: " + e.getMessage());
            }
        }
    }

    void append(int db, byte[][] argv) {
        int length = encoder.encodeToBuffer(db, argv);
        if (buffered + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + length));
        }
        System.arraycopy(encoder.buffer(), 0, buffer, buffered, length);
        buffered += length;
    }

    /** Writes what is buffered to the open file (if any), then the fsync policy. */
    void write() {
        if (incr == null) {
            return;
        }
        ByteBuffer out = ByteBuffer.wrap(buffer, 0, buffered);
        try {
            while (out.hasRemaining()) {
                incr.write(out);
            }
            String fsync = server.config().appendfsync.get();
            if (fsync.equals("always")) {
                incr.force(false);
            } else if (fsync.equals("everysec")) {
                fsyncPending = true;
            }
            if (writeError != null) {
                LOG.warning("AOF write error looks solved, Redis can write again.");
                writeError = null;
            }
        } catch (IOException e) {
            if (writeError == null) {
                LOG.log(Level.WARNING, "Error writing to the AOF file: " + e.getMessage());
            }
            writeError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } finally {
            int written = out.position();
            currentSize += written;
            System.arraycopy(buffer, written, buffer, 0, buffered - written);
            buffered -= written;
            if (buffered == 0 && buffer.length > 1 << 20) {
                buffer = new byte[INITIAL_BUFFER];
            }
        }
    }

    String writeError() {
        return writeError;
    }

    int buffered() {
        return buffered;
    }

    long currentSize() {
        return currentSize;
    }

    void currentSize(long size) {
        currentSize = size;
    }

    /** Drops what is buffered, stops the fsync thread, fsyncs and closes the file. */
    void close() {
        buffered = 0;
        if (fsyncThread != null) {
            fsyncThread.shutdownNow();
            fsyncThread = null;
        }
        if (incr != null) {
            try {
                incr.force(true);
                incr.close();
            } catch (IOException e) {
                LOG.warning("Error closing the AOF file: " + e.getMessage());
            }
            incr = null;
            fsyncTarget = null;
        }
    }
}
