package io.replicatedstore.datanode.persist;

import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.config.SpecialOptions.SaveRule;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.persist.rdb.EncodingLimits;
import io.replicatedstore.datanode.persist.rdb.RdbFormatException;
import io.replicatedstore.datanode.persist.rdb.RdbWriteOptions;
import io.replicatedstore.datanode.server.Server;
import io.replicatedstore.datanode.store.Keyspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * RDB persistence, Redis 7.0's semantics: SAVE, BGSAVE (a forkless {@link BackgroundSave}), the
 * {@code save} rules checked by the cron, LASTSAVE, loading at start, saving on shutdown, and
 * the state INFO persistence reports. Used only on the keyspace thread (loading at start runs
 * before that thread serves anything).
 */
public final class Persistence {

    private static final Logger LOG = Logger.getLogger(Persistence.class.getName());

    /** After a failed background save, the save rules wait this long before trying again (Redis's). */
    static final long BGSAVE_RETRY_DELAY_MS = 5_000;

    private final Server server;
    private ReplicationHistory history = ReplicationHistory.NONE;
    private BackgroundSave background;
    private boolean scheduled;
    private long dirtyAtStart;
    private long lastSaveMs;
    private long lastBgsaveTryMs;
    private boolean lastBgsaveOk = true;
    private long lastBgsaveSeconds = -1;
    private long saves;
    private long lastPeakBuffered;
    private boolean loading;
    private long lastLoadKeysLoaded;
    private long lastLoadKeysExpired;
    /** Told when the running background save ends (full resyncs of disk-based replication wait on it). */
    private final List<Consumer<Throwable>> saveListeners = new ArrayList<>();

    public Persistence(Server server) {
        this.server = server;
        this.lastSaveMs = server.startMs();
    }

    /** Where the replication history saved in and loaded from RDB files comes from and goes. */
    public void replicationHistory(ReplicationHistory value) {
        this.history = value;
    }

    private Config config() {
        return server.config();
    }

    // Loading

    /**
     * Checks {@code dir} and loads {@code dir/dbfilename} if it exists. Any problem is fatal: an
     * IllegalStateException whose message names it (the node must not serve a partial dataset).
     */
    public void loadAtStartup() {
        Path dir = RdbFiles.dir(config());
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Can't chdir to '" + config().dir.get() + "': No such file or directory");
        }
        Path file = RdbFiles.target(config());
        if (!Files.exists(file)) {
            return;
        }
        long start = server.clock().nanos();
        loading = true;
        try {
            // A node started as a replica keeps keys that look expired and may continue the
            // history the file records (Redis's rdbLoad with rsi, replicationCacheMasterUsingMyself).
            boolean replica = config().replicaof.get() != null;
            RdbLoader.Result result = RdbLoader.load(server.keyspace(), file, RdbFiles.limits(config()), replica);
            server.functions().replaceAll(result.functions());
            lastLoadKeysLoaded = result.loaded();
            lastLoadKeysExpired = result.expired();
            if (result.replId() != null && result.replOffset() >= 0) {
                history.restoreHistory(result.replId(), result.replOffset(), result.streamDb());
            }
        } catch (IOException | RuntimeException e) {
            server.keyspace().flushAll();
            String what = e instanceof RdbFormatException ? "Bad RDB file" : "Error loading the RDB file";
            throw new IllegalStateException(what + " " + file.toAbsolutePath() + ": " + e.getMessage()
                    + ". Refusing to start with a partial dataset.", e);
        } finally {
            loading = false;
        }
        server.resetDirty();
        LOG.info(String.format(Locale.ROOT, "DB loaded from disk: %d keys in %.3f seconds (%d expired keys skipped)",
                lastLoadKeysLoaded, (server.clock().nanos() - start) / 1e9, lastLoadKeysExpired));
    }

    // Saving

    /** SAVE: writes the dataset now, on this thread. */
    public void save() throws IOException {
        if (background != null) {
            throw new RedisException("ERR Background save already in progress");
        }
        long start = server.clock().nanos();
        try {
            SyncSave.save(server.keyspace(), saveOptions(),
                    RdbFiles.temp(config()), RdbFiles.target(config()));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Failed saving the DB: " + e.getMessage());
            lastBgsaveOk = false;
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        server.resetDirty();
        lastSaveMs = server.clock().millis();
        lastBgsaveOk = true;
        saves++;
        LOG.info(String.format(Locale.ROOT, "DB saved on disk (%.3f seconds)", (server.clock().nanos() - start) / 1e9));
    }

    /** BGSAVE [SCHEDULE]: the status reply. */
    public String bgsaveCommand(boolean schedule) {
        if (background != null) {
            if (schedule) {
                scheduled = true;
                return "Background saving scheduled";
            }
            throw new RedisException("ERR Background save already in progress");
        }
        startBackgroundSave();
        return "Background saving started";
    }

    /** Starts a background save unless one is running; true if started. */
    public boolean startBackgroundSave() {
        if (background != null) {
            return false;
        }
        scheduled = false;
        dirtyAtStart = server.dirty();
        lastBgsaveTryMs = server.clock().millis();
        saves++;
        LOG.info("Background saving started");
        BackgroundSave[] self = new BackgroundSave[1];
        self[0] = new BackgroundSave(server.eventLoop(), server.keyspace(),
                saveOptions(), RdbFiles.temp(config()), RdbFiles.target(config()),
                error -> backgroundDone(self[0], error));
        background = self[0];
        return true;
    }

    private void backgroundDone(BackgroundSave save, Throwable error) {
        if (background != save) {
            return;
        }
        background = null;
        lastBgsaveSeconds = save.elapsedSeconds();
        lastPeakBuffered = save.peakBuffered();
        if (error == null) {
            server.addDirty(-Math.min(dirtyAtStart, server.dirty()));
            lastSaveMs = server.clock().millis();
            lastBgsaveOk = true;
            LOG.info("Background saving terminated with success");
        } else {
            lastBgsaveOk = false;
            LOG.warning("Background saving error: " + error.getMessage());
        }
        notifySaveListeners(error);
        if (scheduled) {
            startBackgroundSave();
        }
    }

    /**
     * Starts a background save for a full resync of disk-based replicas, unless one is running;
     * {@code whenDone} gets null or the error once the file is complete. True if started.
     */
    public boolean startBackgroundSave(Consumer<Throwable> whenDone) {
        if (!startBackgroundSave()) {
            return false;
        }
        saveListeners.add(whenDone);
        return true;
    }

    private void notifySaveListeners(Throwable error) {
        List<Consumer<Throwable>> listeners = List.copyOf(saveListeners);
        saveListeners.clear();
        listeners.forEach(listener -> listener.accept(error));
    }

    /** Stops a running background save and deletes its temporary file (FLUSHALL, SHUTDOWN, DEBUG RELOAD). */
    public void cancelBackgroundSave() {
        if (background != null) {
            BackgroundSave save = background;
            background = null;
            save.cancel();
            lastPeakBuffered = save.peakBuffered();
            LOG.info("Background saving cancelled");
            notifySaveListeners(new IOException("background save cancelled"));
        }
    }

    public boolean backgroundSaveInProgress() {
        return background != null;
    }

    /** Called from the cron: the save rules and a scheduled BGSAVE. */
    public void cron(long nowMs) {
        if (background != null) {
            return;
        }
        boolean mayRetry = lastBgsaveOk || nowMs - lastBgsaveTryMs > BGSAVE_RETRY_DELAY_MS;
        if (scheduled && mayRetry) {
            startBackgroundSave();
            return;
        }
        long dirty = server.dirty();
        for (SaveRule rule : config().save.get()) {
            if (dirty >= rule.changes() && nowMs - lastSaveMs > rule.seconds() * 1000 && mayRetry) {
                LOG.info(rule.changes() + " changes in " + rule.seconds() + " seconds. Saving...");
                startBackgroundSave();
                return;
            }
        }
    }

    public boolean hasSaveRules() {
        return !config().save.get().isEmpty();
    }

    /**
     * Before exiting: saves when asked to, or when save rules exist unless {@code noSave}.
     * Returns false if that save failed (the shutdown must then be aborted, unless forced).
     */
    public boolean prepareForShutdown(boolean save, boolean noSave) {
        cancelBackgroundSave();
        if (noSave || !(save || hasSaveRules())) {
            return true;
        }
        LOG.info("Saving the final RDB snapshot before exiting.");
        try {
            save();
            return true;
        } catch (IOException e) {
            LOG.warning("Error trying to save the DB, can't exit.");
            return false;
        }
    }

    /** FLUSHALL: a running background save is dropped; with save rules, the empty dataset is saved now. */
    public void afterFlushAll() {
        cancelBackgroundSave();
        if (hasSaveRules()) {
            try {
                save();
            } catch (IOException e) {
                // logged by save(); FLUSHALL itself succeeded, as in Redis
            }
        }
    }

    /** DEBUG RELOAD: save, empty the keyspace, load the file again. */
    public void debugReload() throws IOException {
        cancelBackgroundSave();
        save();
        server.keyspace().flushAll();
        RdbLoader.Result result = RdbLoader.load(server.keyspace(), RdbFiles.target(config()),
                RdbFiles.limits(config()), false);
        loadFunctions(result);
        lastLoadKeysLoaded = result.loaded();
        lastLoadKeysExpired = result.expired();
        LOG.info("DB reloaded by DEBUG RELOAD");
    }

    // For the AOF (persist.aof): its base file is an RDB snapshot written by the same machinery.

    /**
     * Starts a forkless background snapshot written as {@code temp} and renamed to {@code target}
     * when complete, marked as an AOF base; {@code done} gets null or the error, on the keyspace
     * thread. Returns what cancels it (deleting the temporary file; {@code done} is then not called).
     */
    public Runnable backgroundAofBase(Path temp, Path target, java.util.function.Consumer<Throwable> done) {
        BackgroundSave save = new BackgroundSave(server.eventLoop(), server.keyspace(), aofBaseOptions(), temp, target,
                done);
        return save::cancel;
    }

    /** Writes the dataset now, on this thread, as an AOF base RDB file (temp, fsync, rename). */
    public void saveAofBase(Path temp, Path target) throws IOException {
        SyncSave.save(server.keyspace(), aofBaseOptions(), temp, target);
    }

    /** Loads an RDB file (an AOF base) into the keyspace; returns the keys loaded. */
    public long loadRdbFile(Path file) throws IOException {
        RdbLoader.Result result = RdbLoader.load(server.keyspace(), file, RdbFiles.limits(config()), false);
        loadFunctions(result);
        lastLoadKeysLoaded = result.loaded();
        lastLoadKeysExpired = result.expired();
        return result.loaded();
    }

    /** Whether {@code dir/dbfilename} exists (checked after the same dir check as {@link #loadAtStartup}). */
    public void checkDir() {
        if (!Files.isDirectory(RdbFiles.dir(config()))) {
            throw new IllegalStateException("Can't chdir to '" + config().dir.get() + "': No such file or directory");
        }
    }

    /** The libraries an RDB held replace the current ones; one that does not load fails the load. */
    private void loadFunctions(RdbLoader.Result result) throws IOException {
        try {
            server.functions().replaceAll(result.functions());
        } catch (IllegalArgumentException e) {
            throw new IOException("the RDB's function library does not load: " + e.getMessage(), e);
        }
    }

    public void loading(boolean value) {
        loading = value;
    }

    private RdbWriteOptions aofBaseOptions() {
        RdbWriteOptions o = RdbFiles.writeOptions(config(), usedMemory(), server.clock().millis());
        return new RdbWriteOptions(o.compression(), o.checksum(), o.limits(), o.aux().withAofBase(true),
                server.functions().codes());
    }

    /**
     * Options of an RDB file or transfer: with the replication id, offset and stream database
     * when there is a history to continue (rdbPopulateSaveInfo), so a restarted replica can
     * partially resync.
     */
    public RdbWriteOptions saveOptions() {
        RdbWriteOptions o = RdbFiles.writeOptions(config(), usedMemory(), server.clock().millis());
        return new RdbWriteOptions(o.compression(), o.checksum(), o.limits(),
                o.aux().withReplication(history.rdbSaveInfo()), server.functions().codes());
    }

    // For replication

    /** {@code dir/dbfilename}, what a disk-based full resync sends. */
    public Path rdbFile() {
        return RdbFiles.target(config());
    }

    /** Where a replica writes the RDB its master sends before loading it (Redis's temp-<time>.<pid>.rdb). */
    public Path transferTempFile() {
        return RdbFiles.dir(config()).resolve("temp-" + server.clock().millis() + "." + ProcessHandle.current().pid()
                + ".rdb");
    }

    /**
     * A replica loads what its master sent: the dataset is replaced by the file, which becomes
     * {@code dir/dbfilename}. Keys that look expired are kept (the master will delete them). On
     * failure the keyspace is left empty, never partial, and the error is thrown.
     */
    public RdbLoader.Result loadFromMaster(Path received) throws IOException {
        cancelBackgroundSave();
        server.keyspace().flushAll();
        Path target = RdbFiles.target(config());
        loading = true;
        try {
            RdbFiles.publish(received, target);
            RdbLoader.Result result = RdbLoader.load(server.keyspace(), target, RdbFiles.limits(config()), true);
            loadFunctions(result);
            lastLoadKeysLoaded = result.loaded();
            lastLoadKeysExpired = result.expired();
            return result;
        } catch (IOException | RuntimeException e) {
            server.keyspace().flushAll();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        } finally {
            loading = false;
            RdbFiles.deleteQuietly(received);
        }
    }

    /**
     * A keyspace to load a full resync into while it is received (on a loader thread, see
     * {@link #loadStaged}), adopted by {@link #adoptFromMaster} once whole.
     */
    public Keyspace newStagingKeyspace() {
        return new Keyspace(server.keyspace().count(), server.clock());
    }

    /** The encoding thresholds a load uses, read here on the keyspace thread for a loader thread. */
    public EncodingLimits loadLimits() {
        return RdbFiles.limits(config());
    }

    /**
     * Reads the RDB a master streams into {@code staging}, a keyspace only the calling (loader)
     * thread sees; keys that look expired are kept, as in {@link #loadFromMaster}.
     */
    public static RdbLoader.Result loadStaged(Keyspace staging, InputStream in, long length, EncodingLimits limits)
            throws IOException {
        return RdbLoader.load(staging, in, length, limits, true);
    }

    /**
     * The replica's dataset becomes {@code staged}, loaded whole from {@code received} while it
     * arrived; the file becomes {@code dir/dbfilename}, as after {@link #loadFromMaster}.
     */
    public void adoptFromMaster(Path received, Keyspace staged, RdbLoader.Result result) throws IOException {
        cancelBackgroundSave();
        server.keyspace().flushAll();
        try {
            loadFunctions(result);
            server.keyspace().adopt(staged);
            lastLoadKeysLoaded = result.loaded();
            lastLoadKeysExpired = result.expired();
            RdbFiles.publish(received, RdbFiles.target(config()));
        } finally {
            RdbFiles.deleteQuietly(received);
        }
    }

    private static long usedMemory() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    // What INFO and LASTSAVE report

    public long lastSaveTime() {
        return lastSaveMs / 1000;
    }

    public boolean loading() {
        return loading;
    }

    public boolean lastBgsaveOk() {
        return lastBgsaveOk;
    }

    public long lastBgsaveSeconds() {
        return lastBgsaveSeconds;
    }

    public long currentBgsaveSeconds() {
        return background == null ? -1 : background.elapsedSeconds();
    }

    public long currentKeysProcessed() {
        return background == null ? 0 : background.keysWritten();
    }

    public boolean scheduled() {
        return scheduled;
    }

    public long saves() {
        return saves;
    }

    /** Peak bytes the last background save buffered in memory (there is no fork, so no copy-on-write). */
    public long lastPeakBuffered() {
        return lastPeakBuffered;
    }

    public long lastLoadKeysLoaded() {
        return lastLoadKeysLoaded;
    }

    public long lastLoadKeysExpired() {
        return lastLoadKeysExpired;
    }

    /** Stops any background save (the node is closing). */
    public void close() {
        cancelBackgroundSave();
    }
}
