package io.replicatedstore.datanode.persist.aof;

import io.replicatedstore.datanode.persist.rdb.RdbFormatException;
import io.replicatedstore.datanode.persist.Persistence;
import io.replicatedstore.datanode.server.Server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Loads every file a manifest lists, in order, at startup: an RDB base through the RDB loader, the
 * rest replayed by {@link AofLoader}. Only the last file may be torn (then truncated if
 * aof-load-truncated allows it); any other problem empties the keyspace and refuses the start.
 */
final class AofSetLoader {

    // The AppendOnlyFile logger, so log records keep the name they always had.
    private static final Logger LOG = Logger.getLogger(AppendOnlyFile.class.getName());

    private AofSetLoader() {
    }

    /** Loads {@code manifest}'s files; any problem is an IllegalStateException naming the file. */
    static void load(Server server, Persistence persistence, AofFiles files, AofManifest manifest) {
        long start = server.clock().nanos();
        persistence.loading(true);
        AofManifest.Entry current = null;
        try {
            List<AofManifest.Entry> list = new ArrayList<>();
            if (manifest.base != null) {
                list.add(manifest.base);
            }
            list.addAll(manifest.incrs);
            long keysFromBase = 0;
            long commands = 0;
            for (int i = 0; i < list.size(); i++) {
                current = list.get(i);
                Path file = files.resolve(current.name());
                if (!Files.exists(file)) {
                    throw new IOException("The AOF file " + current.name() + " doesn't exist");
                }
                boolean last = i == list.size() - 1;
                if (startsWithRdb(file)) {
                    LOG.info("Reading RDB base file on AOF loading...");
                    keysFromBase += persistence.loadRdbFile(file);
                    continue;
                }
                try {
                    commands += AofLoader.replay(server, file, 0);
                } catch (AofLoader.Truncated t) {
                    if (!last) {
                        throw new IOException("Unexpected end of file reading the append only file " + current.name()
                                + ", which is not the last one");
                    }
                    if (!server.config().aofLoadTruncated.get()) {
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
                    + " replayed, %.3f seconds", keysFromBase, commands, (server.clock().nanos() - start) / 1e9));
        } catch (IOException | RuntimeException e) {
            server.keyspace().flushAll();
            String what = e instanceof RdbFormatException ? "Bad RDB base file " : "Error loading the append only file ";
            throw new IllegalStateException(what + (current == null ? "" : files.resolve(current.name()) + "")
                    + ": " + e.getMessage() + ". Refusing to start with a partial dataset.", e);
        } finally {
            persistence.loading(false);
        }
    }

    private static boolean startsWithRdb(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(5);
            return Arrays.equals(magic, "REDIS".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
