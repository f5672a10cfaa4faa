package io.replicatedstore.datanode.persist.aof;

import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.persist.Persistence;
import io.replicatedstore.datanode.server.Server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * The rewrite state machine (BGREWRITEAOF, the auto-aof-rewrite rule, CONFIG SET appendonly yes):
 * opens a new incremental file at once, writes a new base from a forkless snapshot, then switches
 * the manifest and turns the old files into history. While the AOF is being created (no base yet)
 * the new commands go to a temporary file, and a failed rewrite is retried from the cron. Keeps
 * the rewrite figures INFO persistence reports. Runs on the keyspace thread.
 */
final class AofRewrite {

    // The AppendOnlyFile logger, so log records keep the name they always had.
    private static final Logger LOG = Logger.getLogger(AppendOnlyFile.class.getName());
    private static final long REWRITE_RETRY_DELAY_MS = 5_000;

    private final Server server;
    private final Persistence persistence;
    private final AofFiles files;
    private final AofWriter writer;
    /** Whether the AOF is appending (aof_state ON or WAIT_REWRITE). */
    private final BooleanSupplier appending;
    /** Starts appending, when a rewrite turns the AOF on. */
    private final Runnable startAppending;

    /** Turned on by CONFIG SET: the incremental file is temporary until the first rewrite ends. */
    private boolean waitRewrite;
    private long baseSize;
    private long rewriteBaseSize;

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

    AofRewrite(Server server, Persistence persistence, AofFiles files, AofWriter writer, BooleanSupplier appending,
            Runnable startAppending) {
        this.server = server;
        this.persistence = persistence;
        this.files = files;
        this.writer = writer;
        this.appending = appending;
        this.startAppending = startAppending;
    }

    /** The AOF was loaded or created at startup with this base size and total size. */
    void opened(long baseSize, long currentSize) {
        this.baseSize = baseSize;
        this.rewriteBaseSize = currentSize;
    }

    /** BGREWRITEAOF: the status reply. */
    String bgrewriteaofCommand() {
        if (rewriteCancel != null) {
            throw new RedisException("ERR Background append only file rewriting already in progress");
        }
        try {
            start();
        } catch (IOException e) {
            throw new RedisException("ERR Can't execute an AOF background rewriting. Please check the server logs "
                    + "for more information.");
        }
        return "Background append only file rewriting started";
    }

    void start() throws IOException {
        boolean on = appending.getAsBoolean();
        lastRewriteTryMs = server.clock().millis();
        rewriteScheduled = false;
        try {
            Files.createDirectories(files.dir());
            if (files.manifest() == null) {
                Path manifestFile = files.resolve(files.manifestName());
                files.manifest(Files.exists(manifestFile) ? AofManifest.load(manifestFile) : new AofManifest());
            }
            if (on) {
                writer.write();
                if (writer.writeError() != null) {
                    throw new IOException(writer.writeError());
                }
            }
            AofManifest manifest = files.manifest();
            AofManifest next = manifest.copy();
            long incrSeq = manifest.currIncrSeq() + 1;
            AofManifest.Entry newIncr = new AofManifest.Entry(files.incrName(incrSeq), incrSeq, AofManifest.INCR);
            Path newIncrPath;
            if (waitRewrite || !on) {
                // The AOF is being created: until its base exists, the new commands go to a temporary file.
                newIncrPath = files.tempIncr();
                Files.deleteIfExists(newIncrPath);
                rewriteTempIncr = newIncrPath;
            } else {
                newIncrPath = files.resolve(newIncr.name());
                rewriteTempIncr = null;
            }
            next.incrs.add(newIncr);
            FileChannel old = writer.open(newIncrPath);
            if (rewriteTempIncr == null) {
                files.persist(next);
                files.manifest(next);
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
            startAppending.run();
        }
        long baseSeq = files.manifest().currBaseSeq() + 1;
        rewriteBaseName = files.baseName(baseSeq);
        rewriteStartNanos = server.clock().nanos();
        Runnable[] cancel = new Runnable[1];
        cancel[0] = persistence.backgroundAofBase(files.rewriteTempBase(), files.resolve(rewriteBaseName),
                error -> done(cancel[0], error));
        rewriteCancel = cancel[0];
        LOG.info("Background append only file rewriting started");
    }

    private void done(Runnable which, Throwable error) {
        if (rewriteCancel != which && rewriteCancel != null) {
            return;
        }
        rewriteCancel = null;
        lastRewriteSeconds = TimeUnit.NANOSECONDS.toSeconds(server.clock().nanos() - rewriteStartNanos);
        if (error == null) {
            try {
                switchManifest();
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

    /** The new base is written: it and the newest incremental file become the AOF, the rest history. */
    private void switchManifest() throws IOException {
        AofManifest next = rewriteManifest.copy();
        if (rewriteTempIncr != null) {
            writer.write();
            Path target = files.resolve(next.incrs.get(next.incrs.size() - 1).name());
            Files.move(rewriteTempIncr, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            writer.moved(target);
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
        next.base = new AofManifest.Entry(rewriteBaseName, files.manifest().currBaseSeq() + 1, AofManifest.BASE);
        files.persist(next);
        files.manifest(next);
        waitRewrite = false;
        rewriteTempIncr = null;
        files.deleteHistory(next);
        files.persist(next);
        baseSize = AofFiles.size(files.resolve(rewriteBaseName));
        writer.currentSize(baseSize + AofFiles.size(writer.path()) + writer.buffered());
        rewriteBaseSize = writer.currentSize();
    }

    /** Runs a scheduled rewrite, or one the auto-aof-rewrite rule asks for (the AOF is on). */
    void cron(long nowMs) {
        if (rewriteCancel != null) {
            return;
        }
        boolean mayRetry = lastRewriteOk || nowMs - lastRewriteTryMs > REWRITE_RETRY_DELAY_MS;
        if (rewriteScheduled && mayRetry) {
            tryStart();
            return;
        }
        long percentage = server.config().autoAofRewritePercentage.get();
        long minSize = server.config().autoAofRewriteMinSize.get();
        long currentSize = writer.currentSize();
        if (percentage > 0 && currentSize > minSize && mayRetry) {
            long base = rewriteBaseSize == 0 ? 1 : rewriteBaseSize;
            long growth = currentSize * 100 / base - 100;
            if (growth >= percentage) {
                LOG.info("Starting automatic rewriting of AOF on " + growth + "% growth");
                tryStart();
            }
        }
    }

    private void tryStart() {
        try {
            start();
        } catch (IOException e) {
            // logged; retried later
        }
    }

    void cancel() {
        if (rewriteCancel != null) {
            Runnable cancel = rewriteCancel;
            rewriteCancel = null;
            cancel.run();
            LOG.info("Background append only file rewriting cancelled");
        }
    }

    /** Appending stops: cancels a rewrite in progress and forgets a scheduled one and the temporary file. */
    void stop() {
        cancel();
        if (rewriteTempIncr != null) {
            try {
                Files.deleteIfExists(rewriteTempIncr);
            } catch (IOException e) {
                // nothing more to do
            }
            rewriteTempIncr = null;
        }
        waitRewrite = false;
        rewriteScheduled = false;
    }

    // INFO persistence

    boolean inProgress() {
        return rewriteCancel != null;
    }

    boolean scheduled() {
        return rewriteScheduled;
    }

    long lastSeconds() {
        return lastRewriteSeconds;
    }

    long currentSeconds() {
        return rewriteCancel == null ? -1 : TimeUnit.NANOSECONDS.toSeconds(server.clock().nanos() - rewriteStartNanos);
    }

    boolean lastOk() {
        return lastRewriteOk;
    }

    long rewrites() {
        return rewrites;
    }

    long consecutiveFailures() {
        return consecutiveFailures;
    }

    long baseSize() {
        return baseSize;
    }
}
