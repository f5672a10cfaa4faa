package io.replicatedstore.datanode.persist;

import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.persist.rdb.EncodingLimits;
import io.replicatedstore.datanode.persist.rdb.RdbWriteOptions;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Where the RDB file lives, the temporary name it is written under, and how it is published. */
public final class RdbFiles {

    private static final long PID = ProcessHandle.current().pid();

    private RdbFiles() {
    }

    static Path dir(Config config) {
        return Path.of(config.dir.get());
    }

    /** {@code dir/dbfilename}. */
    static Path target(Config config) {
        return dir(config).resolve(config.dbfilename.get());
    }

    /** {@code dir/temp-<pid>.rdb}, as Redis names the file a save writes before renaming it. */
    static Path temp(Config config) {
        return dir(config).resolve("temp-" + PID + ".rdb");
    }

    /** The encoding thresholds configured now. */
    public static EncodingLimits limits(Config config) {
        return EncodingLimits.DEFAULTS
                .withListMaxListpackSize(config.listMaxListpackSize.asInt())
                .withHash(config.hashMaxListpackEntries.get(), config.hashMaxListpackValue.get())
                .withSetMaxIntsetEntries(config.setMaxIntsetEntries.get())
                .withZset(config.zsetMaxListpackEntries.get(), config.zsetMaxListpackValue.get());
    }

    public static RdbWriteOptions writeOptions(Config config, long usedMem, long nowMs) {
        return RdbWriteOptions.defaults(RdbWriteOptions.Aux.of(nowMs / 1000, usedMem))
                .withCompression(config.rdbcompression.get())
                .withChecksum(config.rdbchecksum.get())
                .withLimits(limits(config));
    }

    /** Makes the finished temporary file the RDB file (rename-on-success), then syncs the directory. */
    static void publish(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Path dir = target.toAbsolutePath().getParent();
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can open a directory for syncing; the rename stands regardless.
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
