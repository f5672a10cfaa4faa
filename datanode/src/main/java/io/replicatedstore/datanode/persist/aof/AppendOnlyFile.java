package io.replicatedstore.datanode.persist.aof;

import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.persist.rdb.RdbFormatException;
import io.replicatedstore.datanode.server.PropagationEncoder;
import io.replicatedstore.datanode.server.PropagationListener;
import io.replicatedstore.datanode.server.Server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The append only file, Redis 7.0's multi-part layout: {@code dir/appenddirname/} holds a base
 * (an RDB file, aof-use-rdb-preamble yes), incremental files of RESP commands and the manifest
 * listing them. The propagated command stream is buffered and written before any reply goes out
 * ({@link #beforeReplies}); appendfsync always fsyncs then too, everysec has a thread fsync once a
 * second, no leaves it to the OS. BGREWRITEAOF opens a new incremental file at once and writes a
 * new base from a forkless snapshot, then switches the manifest. Used on the keyspace thread
 * (and at startup, before that thread serves anything); only the fsync thread is separate.
 */
public final class AppendOnlyFile implements PropagationListener {

    private static final Logger LOG = Logger.getLogger(AppendOnlyFile.class.getName());
    private static final long PID = ProcessHandle.current().pid();
    private static final long REWRITE_RETRY_DELAY_MS = 5_000;

    private final Server server;
    private final PropagationEncoder encoder = new PropagationEncoder();
    private byte[] buffer = new byte[16 * 1024];
    private int buffered;

    /** Appending (aof_state ON, or WAIT_REWRITE while the first base is written). */
    private boolean on;
    /** Turned on by CONFIG SET: the incremental file is temporary until the first rewrite ends. */
    private boolean waitRewrite;
    private AofManifest manifest;
    private FileChannel incr;
    private Path incrPath;
    private volatile FileChannel fsyncTarget;
    private volatile boolean fsyncPending;
    private ScheduledExecutorService fsyncThread;

    private String writeError;
    private long currentSize;
    private long baseSize;
    private long rewriteBaseSize;

    // Rewrite state
    private Runnable rewriteCancel;
    private long rewriteStartNanos;
    private AofManifest rewriteManifest;
    private String rewriteBaseName;
    private Path rewriteTempIncr;
    private boolean rewriteScheduled;
    private long lastRewriteSeconds = -1;
    private boolean lastRewriteOk = true;
    private long rewrites;
    private long consecutiveFailures;
    private long lastRewriteTryMs;

    public AppendOnlyFile(Server server) {
        this.server = server;
        server.config().appendonly.onChange(this::configChanged);
    }

    private Config config() {
        return server.config();
    }

    private Path dir() {
        return Path.of(config().dir.get()).resolve(config().appenddirname.get());
    }

    private String fileName() {
        return config().appendfilename.get();
    }

    private String manifestName() {
        return fileName() + ".manifest";
    }

    private String baseName(long seq) {
        return fileName() + "." + seq + ".base.rdb";
    }

    private String incrName(long seq) {
        return fileName() + "." + seq + ".incr.aof";
    }

    // Startup

    /**
     * With appendonly yes: loads the AOF if its manifest exists, else dump.rdb (if present) and
     * creates the AOF from the loaded dataset; then starts appending. Any problem is an
     * IllegalStateException naming it (the node must not start).
     */
    public void loadAtStartup() {
        server.persistence().checkDir();
        Path manifestFile = dir().resolve(manifestName());
        try {
            if (Files.exists(manifestFile)) {
                manifest = AofManifest.load(manifestFile);
                if (manifest.isEmpty()) {
                    LOG.info("The AOF manifest " + manifestName() + " lists no files");
                }
                load();
            } else {
                server.persistence().loadAtStartup();
                Files.createDirectories(dir());
                manifest = new AofManifest();
                AofManifest.Entry base = new AofManifest.Entry(baseName(1), 1, AofManifest.BASE);
                LOG.info("Creating AOF base file " + base.name() + " on server start");
                server.persistence().saveAofBase(dir().resolve("temp-rewriteaof-" + PID + ".aof"), dir().resolve(base.name()));
                manifest.base = base;
            }
            if (manifest.incrs.isEmpty()) {
                AofManifest.Entry entry = new AofManifest.Entry(incrName(manifest.currIncrSeq() + 1),
                        manifest.currIncrSeq() + 1, AofManifest.INCR);
                LOG.info("Creating AOF incr file " + entry.name() + " on server start");
                Files.write(dir().resolve(entry.name()), new byte[0], StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                manifest.incrs.add(entry);
            }
            deleteHistory(manifest);
            manifest.persist(dir(), manifestName());
            openIncr(dir().resolve(manifest.incrs.get(manifest.incrs.size() - 1).name()));
            currentSize = totalSize(manifest);
            baseSize = manifest.base == null ? 0 : size(dir().resolve(manifest.base.name()));
            rewriteBaseSize = currentSize;
        } catch (IOException e) {
            server.keyspace().flushAll();
            throw new IllegalStateException("Can't open or create the append only files in " + dir() + ": "
                    + e.getMessage(), e);
        }
        server.resetDirty();
        startAppending();
    }

    private void load() {
        long start = System.nanoTime();
        server.persistence().loading(true);
        AofManifest.Entry current = null;
        try {
            List<AofManifest.Entry> files = new ArrayList<>();
            if (manifest.base != null) {
                files.add(manifest.base);
            }
            files.addAll(manifest.incrs);
            long keysFromBase = 0;
            long commands = 0;
            for (int i = 0; i < files.size(); i++) {
                current = files.get(i);
                Path file = dir().resolve(current.name());
                if (!Files.exists(file)) {
                    throw new IOException("The AOF file " + current.name() + " doesn't exist");
                }
                boolean last = i == files.size() - 1;
                if (startsWithRdb(file)) {
                    LOG.info("Reading RDB base file on AOF loading...");
                    keysFromBase += server.persistence().loadRdbFile(file);
                    continue;
                }
                try {
                    commands += AofLoader.replay(server, file, 0);
                } catch (AofLoader.Truncated t) {
                    if (!last) {
                        throw new IOException("Unexpected end of file reading the append only file " + current.name()
                                + ", which is not the last one");
                    }
                    if (!config().aofLoadTruncated.get()) {
                        throw new IOException(t.getMessage() + ". You can: 1) Make a backup of your AOF file, then use"
                                + " ./redis-check-aof --fix <filename.manifest>. 2) Alternatively you can set the"
                                + " 'aof-load-truncated' configuration option to yes and restart the server.");
                    }
                    LOG.warning("!!! Warning: short read while loading the AOF file " + current.name() + "!!!");
                    LOG.warning("!!! Truncating the AOF " + current.name() + " at offset " + t.validUpTo + " !!!");
                    AofLoader.truncate(file, t.validUpTo);
                    LOG.warning("AOF loaded anyway because aof-load-truncated is enabled");
                }
            }
            LOG.info(String.format(Locale.ROOT, "DB loaded from append only file: %d keys from the base, %d commands"
                    + " replayed, %.3f seconds", keysFromBase, commands, (System.nanoTime() - start) / 1e9));
        } catch (IOException | RuntimeException e) {
            server.keyspace().flushAll();
            String what = e instanceof RdbFormatException ? "Bad RDB base file " : "Error loading the append only file ";
            throw new IllegalStateException(what + (current == null ? "" : dir().resolve(current.name()) + "")
                    + ": " + e.getMessage() + ". Refusing to start with a partial dataset.", e);
        } finally {
            server.persistence().loading(false);
        }
    }

    private static boolean startsWithRdb(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(5);
            return Arrays.equals(magic, "REDIS".getBytes(StandardCharsets.US_ASCII));
        }
    }

    // Appending

    private void openIncr(Path path) throws IOException {
        incr = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        incrPath = path;
        fsyncTarget = incr;
        encoder.reset();
    }

    private void startAppending() {
        on = true;
        server.propagation().addListener(this);
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

    @Override
    public void propagate(int db, byte[][] argv) {
        if (!on) {
            return;
        }
        byte[] bytes = encoder.encode(db, argv);
        if (buffered + bytes.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, buffered + bytes.length));
        }
        System.arraycopy(bytes, 0, buffer, buffered, bytes.length);
        buffered += bytes.length;
    }

    /** Writes what was buffered (fsyncing it with appendfsync always); before replies go out. */
    public void beforeReplies() {
        if (buffered > 0) {
            write();
        }
    }

    private void write() {
        if (incr == null) {
            return;
        }
        ByteBuffer out = ByteBuffer.wrap(buffer, 0, buffered);
        try {
            while (out.hasRemaining()) {
                incr.write(out);
            }
            String fsync = config().appendfsync.get();
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
                buffer = new byte[16 * 1024];
            }
        }
    }

    /** The write error that makes write commands fail with MISCONF, or null. */
    public String writeError() {
        return writeError;
    }

    // Rewrite

    /** BGREWRITEAOF: the status reply. */
    public String bgrewriteaofCommand() {
        if (rewriteCancel != null) {
            throw new RedisException("ERR Background append only file rewriting already in progress");
        }
        try {
            startRewrite();
        } catch (IOException e) {
            throw new RedisException("ERR Can't execute an AOF background rewriting. Please check the server logs "
                    + "for more information.");
        }
        return "Background append only file rewriting started";
    }

    private void startRewrite() throws IOException {
        lastRewriteTryMs = System.currentTimeMillis();
        rewriteScheduled = false;
        try {
            Files.createDirectories(dir());
            if (manifest == null) {
                Path manifestFile = dir().resolve(manifestName());
                manifest = Files.exists(manifestFile) ? AofManifest.load(manifestFile) : new AofManifest();
            }
            if (on) {
                write();
                if (writeError != null) {
                    throw new IOException(writeError);
                }
            }
            AofManifest next = manifest.copy();
            long incrSeq = manifest.currIncrSeq() + 1;
            AofManifest.Entry newIncr = new AofManifest.Entry(incrName(incrSeq), incrSeq, AofManifest.INCR);
            Path newIncrPath;
            if (waitRewrite || !on) {
                // The AOF is being created: until its base exists, the new commands go to a temporary file.
                newIncrPath = dir().resolve("temp-" + fileName() + ".incr");
                Files.deleteIfExists(newIncrPath);
                rewriteTempIncr = newIncrPath;
            } else {
                newIncrPath = dir().resolve(newIncr.name());
                rewriteTempIncr = null;
            }
            next.incrs.add(newIncr);
            FileChannel old = incr;
            openIncr(newIncrPath);
            if (rewriteTempIncr == null) {
                next.persist(dir(), manifestName());
                manifest = next;
            }
            rewriteManifest = next;
            if (old != null) {
                try {
                    old.force(false);
                } finally {
                    old.close();
                }
            }
        } catch (IOException e) {
            lastRewriteOk = false;
            consecutiveFailures++;
            LOG.warning("Can't start the AOF rewrite: " + e.getMessage());
            throw e;
        }
        if (!on) {
            waitRewrite = true;
            startAppending();
        }
        long baseSeq = manifest.currBaseSeq() + 1;
        rewriteBaseName = baseName(baseSeq);
        rewriteStartNanos = System.nanoTime();
        Runnable[] cancel = new Runnable[1];
        cancel[0] = server.persistence().backgroundAofBase(dir().resolve("temp-rewriteaof-bg-" + PID + ".aof"),
                dir().resolve(rewriteBaseName), error -> rewriteDone(cancel[0], error));
        rewriteCancel = cancel[0];
        LOG.info("Background append only file rewriting started");
    }

    private void rewriteDone(Runnable which, Throwable error) {
        if (rewriteCancel != which && rewriteCancel != null) {
            return;
        }
        rewriteCancel = null;
        lastRewriteSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - rewriteStartNanos);
        if (error == null) {
            try {
                AofManifest next = rewriteManifest.copy();
                if (rewriteTempIncr != null) {
                    write();
                    Path target = dir().resolve(next.incrs.get(next.incrs.size() - 1).name());
                    Files.move(rewriteTempIncr, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    incrPath = target;
                }
                if (next.base != null) {
                    next.history.add(new AofManifest.Entry(next.base.name(), next.base.seq(), AofManifest.HISTORY));
                }
                AofManifest.Entry lastIncr = next.incrs.get(next.incrs.size() - 1);
                for (AofManifest.Entry e : next.incrs.subList(0, next.incrs.size() - 1)) {
                    next.history.add(new AofManifest.Entry(e.name(), e.seq(), AofManifest.HISTORY));
                }
                next.incrs.clear();
                next.incrs.add(lastIncr);
                next.base = new AofManifest.Entry(rewriteBaseName, manifest.currBaseSeq() + 1, AofManifest.BASE);
                next.persist(dir(), manifestName());
                manifest = next;
                waitRewrite = false;
                rewriteTempIncr = null;
                deleteHistory(manifest);
                manifest.persist(dir(), manifestName());
                baseSize = size(dir().resolve(rewriteBaseName));
                currentSize = baseSize + size(incrPath) + buffered;
                rewriteBaseSize = currentSize;
                lastRewriteOk = true;
                consecutiveFailures = 0;
                rewrites++;
                LOG.info("Background AOF rewrite terminated with success");
                LOG.info("Background AOF rewrite finished successfully");
                return;
            } catch (IOException e) {
                error = e;
            }
        }
        lastRewriteOk = false;
        consecutiveFailures++;
        LOG.warning("Background AOF rewrite failed: " + error.getMessage());
        if (waitRewrite) {
            rewriteScheduled = true; // retried from the cron, as Redis does while waiting for the first rewrite
        }
    }

    private void deleteHistory(AofManifest m) {
        for (AofManifest.Entry e : m.history) {
            try {
                Files.deleteIfExists(dir().resolve(e.name()));
                LOG.info("Removing the history file " + e.name() + " in the background");
            } catch (IOException ex) {
                LOG.warning("Can't remove the history file " + e.name() + ": " + ex.getMessage());
            }
        }
        m.history.clear();
    }

    private void cancelRewrite() {
        if (rewriteCancel != null) {
            Runnable cancel = rewriteCancel;
            rewriteCancel = null;
            cancel.run();
            LOG.info("Background append only file rewriting cancelled");
        }
    }

    // Cron and CONFIG SET

    /** Retries a failed write, runs a scheduled rewrite, and the auto-aof-rewrite rule. */
    public void cron(long nowMs) {
        if (!on) {
            return;
        }
        if (writeError != null || buffered > 0) {
            write();
        }
        if (rewriteCancel != null) {
            return;
        }
        boolean mayRetry = lastRewriteOk || nowMs - lastRewriteTryMs > REWRITE_RETRY_DELAY_MS;
        if (rewriteScheduled && mayRetry) {
            tryRewrite();
            return;
        }
        long percentage = config().autoAofRewritePercentage.get();
        long minSize = config().autoAofRewriteMinSize.get();
        if (percentage > 0 && currentSize > minSize && mayRetry) {
            long base = rewriteBaseSize == 0 ? 1 : rewriteBaseSize;
            long growth = currentSize * 100 / base - 100;
            if (growth >= percentage) {
                LOG.info("Starting automatic rewriting of AOF on " + growth + "% growth");
                tryRewrite();
            }
        }
    }

    private void tryRewrite() {
        try {
            startRewrite();
        } catch (IOException e) {
            // logged; retried later
        }
    }

    private void configChanged(boolean enable) {
        if (enable && !on) {
            LOG.info("Turning the AOF on: background rewriting started to create it");
            try {
                cancelRewrite();
                startRewrite();
            } catch (IOException e) {
                LOG.warning("Redis needs to enable the AOF but can't trigger a background AOF rewrite operation.");
            }
        } else if (!enable && on) {
            stop();
        }
    }

    /** Stops appending (appendonly no, or closing): flushes, fsyncs and closes the file. */
    private void stop() {
        write();
        cancelRewrite();
        if (rewriteTempIncr != null) {
            try {
                Files.deleteIfExists(rewriteTempIncr);
            } catch (IOException e) {
                // nothing more to do
            }
            rewriteTempIncr = null;
        }
        server.propagation().removeListener(this);
        on = false;
        waitRewrite = false;
        rewriteScheduled = false;
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
        LOG.info("AOF turned off");
    }

    /** The node is closing. */
    public void close() {
        if (on) {
            stop();
        }
    }

    private long totalSize(AofManifest m) throws IOException {
        long total = 0;
        if (m.base != null) {
            total += size(dir().resolve(m.base.name()));
        }
        for (AofManifest.Entry e : m.incrs) {
            total += size(dir().resolve(e.name()));
        }
        return total;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    // INFO persistence

    public boolean enabled() {
        return on;
    }

    public boolean rewriteInProgress() {
        return rewriteCancel != null;
    }

    public boolean rewriteScheduled() {
        return rewriteScheduled;
    }

    public long lastRewriteSeconds() {
        return lastRewriteSeconds;
    }

    public long currentRewriteSeconds() {
        return rewriteCancel == null ? -1 : TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - rewriteStartNanos);
    }

    public boolean lastRewriteOk() {
        return lastRewriteOk;
    }

    public long rewrites() {
        return rewrites;
    }

    public long consecutiveFailures() {
        return consecutiveFailures;
    }

    public long currentSize() {
        return currentSize;
    }

    public long baseSize() {
        return baseSize;
    }

    public long bufferLength() {
        return buffered;
    }
}
