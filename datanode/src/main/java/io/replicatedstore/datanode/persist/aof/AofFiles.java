package io.replicatedstore.datanode.persist.aof;

import io.replicatedstore.datanode.server.Server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Where the multi-part AOF lives and what its files are called ({@code dir/appenddirname/}, the
 * base, incremental and temporary names), and the manifest currently in force. Kept apart so the
 * startup load, the writer and the rewrite all derive names from the live config the same way.
 */
final class AofFiles {

    // The AppendOnlyFile logger, so log records keep the name they always had.
    private static final Logger LOG = Logger.getLogger(AppendOnlyFile.class.getName());
    private static final long PID = ProcessHandle.current().pid();

    private final Server server;
    /** The manifest in force (null until loaded, created, or read by the first rewrite). */
    private AofManifest manifest;

    AofFiles(Server server) {
        this.server = server;
    }

    AofManifest manifest() {
        return manifest;
    }

    void manifest(AofManifest manifest) {
        this.manifest = manifest;
    }

    Path dir() {
        return Path.of(server.config().dir.get()).resolve(server.config().appenddirname.get());
    }

    Path resolve(String name) {
        return dir().resolve(name);
    }

    String fileName() {
        return server.config().appendfilename.get();
    }

    String manifestName() {
        return fileName() + ".manifest";
    }

    String baseName(long seq) {
        return fileName() + "." + seq + ".base.rdb";
    }

    String incrName(long seq) {
        return fileName() + "." + seq + ".incr.aof";
    }

    /** Where the base written at startup is built before its rename. */
    Path startupTempBase() {
        return resolve("temp-rewriteaof-" + PID + ".aof");
    }

    /** Where a background rewrite builds the new base before its rename. */
    Path rewriteTempBase() {
        return resolve("temp-rewriteaof-bg-" + PID + ".aof");
    }

    /** The incremental file used while the AOF is being created (no base yet). */
    Path tempIncr() {
        return resolve("temp-" + fileName() + ".incr");
    }

    /** Writes {@code m} as the manifest file. */
    void persist(AofManifest m) throws IOException {
        m.persist(dir(), manifestName());
    }

    /** Deletes the files {@code m} lists as history and forgets them. */
    void deleteHistory(AofManifest m) {
        for (AofManifest.Entry e : m.history) {
            try {
                Files.deleteIfExists(resolve(e.name()));
                LOG.info("Removing the history file " + e.name() + " in the background");
            } catch (IOException ex) {
                LOG.warning("Can't remove the history file " + e.name() + ": " + ex.getMessage());
            }
        }
        m.history.clear();
    }

    /** The size of the base and incremental files {@code m} lists. */
    long totalSize(AofManifest m) {
        long total = 0;
        if (m.base != null) {
            total += size(resolve(m.base.name()));
        }
        for (AofManifest.Entry e : m.incrs) {
            total += size(resolve(e.name()));
        }
        return total;
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
