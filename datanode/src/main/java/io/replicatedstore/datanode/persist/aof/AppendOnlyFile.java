package io.replicatedstore.datanode.persist.aof;

import io.replicatedstore.datanode.persist.Persistence;
import io.replicatedstore.datanode.server.PropagationListener;
import io.replicatedstore.datanode.server.Server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Logger;

/**
 * The append only file, Redis 7.0's multi-part layout: {@code dir/appenddirname/} holds a base
 * (an RDB file, aof-use-rdb-preamble yes), incremental files of RESP commands and the manifest
 * listing them. This is the facade the rest of the server uses: it opens the AOF at startup,
 * turns appending on and off (appendonly, closing) and drives the parts, each kept to one
 * concern: {@link AofFiles} (names, manifest in force), {@link AofWriter} (buffer, write before
 * replies, appendfsync and its thread), {@link AofRewrite} (BGREWRITEAOF, auto-rewrite) and
 * {@link AofSetLoader} (loading at startup). Used on the keyspace thread (and at startup, before
 * that thread serves anything); only the fsync thread is separate.
 */
public final class AppendOnlyFile implements PropagationListener {

    private static final Logger LOG = Logger.getLogger(AppendOnlyFile.class.getName());

    private final Server server;
    private final Persistence persistence;
    private final AofFiles files;
    private final AofWriter writer;
    private final AofRewrite rewrite;

    /** Appending (aof_state ON, or WAIT_REWRITE while the first base is written). */
    private boolean on;

    public AppendOnlyFile(Server server, Persistence persistence) {
        this.server = server;
        this.persistence = persistence;
        this.files = new AofFiles(server);
        this.writer = new AofWriter(server);
        this.rewrite = new AofRewrite(server, persistence, files, writer, () -> on, this::startAppending);
        server.config().appendonly.onChange(this::configChanged);
    }

    // Startup

    /**
     * With appendonly yes: loads the AOF if its manifest exists, else dump.rdb (if present) and
     * creates the AOF from the loaded dataset; then starts appending. Any problem is an
     * IllegalStateException naming it (the node must not start).
     */
    public void loadAtStartup() {
        persistence.checkDir();
        Path manifestFile = files.resolve(files.manifestName());
        try {
            AofManifest manifest;
            if (Files.exists(manifestFile)) {
                manifest = AofManifest.load(manifestFile);
                files.manifest(manifest);
                if (manifest.isEmpty()) {
                    LOG.info("The AOF manifest " + files.manifestName() + " lists no files");
                }
                AofSetLoader.load(server, persistence, files, manifest);
            } else {
                persistence.loadAtStartup();
                Files.createDirectories(files.dir());
                manifest = new AofManifest();
                files.manifest(manifest);
                AofManifest.Entry base = new AofManifest.Entry(files.baseName(1), 1, AofManifest.BASE);
                LOG.info("Creating AOF base file " + base.name() + " on server start");
                persistence.saveAofBase(files.startupTempBase(), files.resolve(base.name()));
                manifest.base = base;
            }
            if (manifest.incrs.isEmpty()) {
                AofManifest.Entry entry = new AofManifest.Entry(files.incrName(manifest.currIncrSeq() + 1),
                        manifest.currIncrSeq() + 1, AofManifest.INCR);
                LOG.info("Creating AOF incr file " + entry.name() + " on server start");
                Files.write(files.resolve(entry.name()), new byte[0], StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                manifest.incrs.add(entry);
            }
            files.deleteHistory(manifest);
            files.persist(manifest);
            writer.open(files.resolve(manifest.incrs.get(manifest.incrs.size() - 1).name()));
            writer.currentSize(files.totalSize(manifest));
            rewrite.opened(manifest.base == null ? 0 : AofFiles.size(files.resolve(manifest.base.name())),
                    writer.currentSize());
        } catch (IOException e) {
            server.keyspace().flushAll();
            throw new IllegalStateException("Can't open or create the append only files in " + files.dir() + ": "
                    + e.getMessage(), e);
        }
        server.resetDirty();
        startAppending();
    }

    /**
     * DEBUG LOADAOF: writes what is buffered, empties the keyspace and loads the AOF files again
     * (nothing loaded is appended again). Without appendonly it only reloads, as Redis does.
     */
    public void debugLoad() throws IOException {
        if (writer.buffered() > 0) {
            writer.write();
        }
        server.keyspace().flushAll();
        Path manifestFile = files.resolve(files.manifestName());
        if (Files.exists(manifestFile)) {
            boolean wasOn = on;
            on = false;
            int mark = server.propagation().mark();
            try {
                AofSetLoader.load(server, persistence, files, AofManifest.load(manifestFile));
            } finally {
                server.propagation().discardSince(mark);
                on = wasOn;
            }
        }
        server.resetDirty();
        LOG.warning("Append Only File loaded by DEBUG LOADAOF");
    }

    // Appending

    private void startAppending() {
        on = true;
        server.propagation().addListener(this);
        writer.startFsyncThread();
    }

    @Override
    public void propagate(int db, byte[][] argv) {
        if (!on) {
            return;
        }
        writer.append(db, argv);
    }

    /** Writes what was buffered (fsyncing it with appendfsync always); before replies go out. */
    public void beforeReplies() {
        if (writer.buffered() > 0) {
            writer.write();
        }
    }

    /** The write error that makes write commands fail with MISCONF, or null. */
    public String writeError() {
        return writer.writeError();
    }

    // Rewrite, cron and CONFIG SET

    /** BGREWRITEAOF: the status reply. */
    public String bgrewriteaofCommand() {
        return rewrite.bgrewriteaofCommand();
    }

    /** Retries a failed write, runs a scheduled rewrite, and the auto-aof-rewrite rule. */
    public void cron(long nowMs) {
        if (!on) {
            return;
        }
        if (writer.writeError() != null || writer.buffered() > 0) {
            writer.write();
        }
        rewrite.cron(nowMs);
    }

    private void configChanged(boolean enable) {
        if (enable && !on) {
            LOG.info("Turning the AOF on: background rewriting started to create it");
            try {
                rewrite.cancel();
                rewrite.start();
            } catch (IOException e) {
                LOG.warning("Redis needs to enable the AOF but can't trigger a background AOF rewrite operation.");
            }
        } else if (!enable && on) {
            stop();
        }
    }

    /**
     * A replica replaced its dataset with its master's RDB: the AOF no longer describes it, so it
     * starts over from a rewrite of the new dataset (Redis's stopAppendOnly / startAppendOnly).
     */
    public void restartAfterFullSync() {
        if (!on) {
            return;
        }
        stop();
        configChanged(true);
    }

    /** Stops appending (appendonly no, or closing): flushes, fsyncs and closes the file. */
    private void stop() {
        writer.write();
        rewrite.stop();
        server.propagation().removeListener(this);
        on = false;
        writer.close();
        LOG.info("AOF turned off");
    }

    /** The node is closing. */
    public void close() {
        if (on) {
            stop();
        }
    }

    // INFO persistence

    public boolean enabled() {
        return on;
    }

    public boolean rewriteInProgress() {
        return rewrite.inProgress();
    }

    public boolean rewriteScheduled() {
        return rewrite.scheduled();
    }

    public long lastRewriteSeconds() {
        return rewrite.lastSeconds();
    }

    public long currentRewriteSeconds() {
        return rewrite.currentSeconds();
    }

    public boolean lastRewriteOk() {
        return rewrite.lastOk();
    }

    public long rewrites() {
        return rewrite.rewrites();
    }

    public long consecutiveFailures() {
        return rewrite.consecutiveFailures();
    }

    public long currentSize() {
        return writer.currentSize();
    }

    public long baseSize() {
        return rewrite.baseSize();
    }

    public long bufferLength() {
        return writer.buffered();
    }
}
