package io.replicatedstore.datanode.persist;

import io.replicatedstore.datanode.persist.rdb.EncodingLimits;
import io.replicatedstore.datanode.persist.rdb.RdbReader;
import io.replicatedstore.datanode.persist.rdb.RdbSink;
import io.replicatedstore.datanode.store.Bytes;
import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.Keyspace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads an RDB file into the keyspace, dropping keys that are already expired (as a master
 * does). If it throws, the keyspace holds part of the file and must not be served.
 */
public final class RdbLoader implements RdbSink {

    /**
     * What a load found: keys, the replication history the file records (replId null if none),
     * and the function libraries' code (for the caller to load on the keyspace thread).
     */
    public record Result(long loaded, long expired, String replId, long replOffset, int streamDb,
                         List<byte[]> functions) {
    }

    /** Largest table a RESIZEDB hint may allocate ahead of the keys: 4M buckets. */
    private static final long MAX_PRESIZE = 1 << 22;

    private final Keyspace keyspace;
    private final long now;
    private Database db;
    private long loaded;
    private long expired;

    private final boolean keepExpired;

    private RdbLoader(Keyspace keyspace, boolean keepExpired) {
        this.keyspace = keyspace;
        this.now = keyspace.clock().millis();
        this.keepExpired = keepExpired;
        this.db = keyspace.db(0);
    }

    /** @param keepExpired a replica keeps keys that look expired: its master deletes them */
    static Result load(Keyspace keyspace, Path file, EncodingLimits limits, boolean keepExpired) throws IOException {
        RdbLoader loader = new RdbLoader(keyspace, keepExpired);
        RdbReader.readFile(file, limits, loader);
        return new Result(loader.loaded, loader.expired, loader.replId, loader.replOffset, loader.streamDb,
                loader.functions);
    }

    /**
     * Loads an RDB stream that holds nothing else (read ahead freely) into a keyspace; length -1
     * when unknown. Used on a loader thread with a keyspace no other thread sees yet.
     */
    static Result load(Keyspace keyspace, java.io.InputStream in, long length, EncodingLimits limits,
                       boolean keepExpired) throws IOException {
        RdbLoader loader = new RdbLoader(keyspace, keepExpired);
        new RdbReader(in, length, limits, true).read(loader);
        return new Result(loader.loaded, loader.expired, loader.replId, loader.replOffset, loader.streamDb,
                loader.functions);
    }

    private final List<byte[]> functions = new ArrayList<>();
    private String replId;
    private long replOffset = -1;
    private int streamDb = -1;

    @Override
    public void aux(String key, byte[] value) {
        String text = new String(value, java.nio.charset.StandardCharsets.US_ASCII);
        switch (key) {
            case "repl-id" -> replId = text;
            case "repl-stream-db" -> {
                try {
                    streamDb = Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    streamDb = -1;
                }
            }
            case "repl-offset" -> {
                try {
                    replOffset = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    replOffset = -1;
                }
            }
            default -> {
                // other AUX fields are informational
            }
        }
    }

    @Override
    public boolean function(byte[] libraryCode) {
        functions.add(libraryCode);
        return true;
    }

    @Override
    public void database(int index) throws IOException {
        if (index >= keyspace.count()) {
            throw new IOException("the file selects database " + index + " but only " + keyspace.count()
                    + " are configured (databases)");
        }
        db = keyspace.db(index);
    }

    /**
     * Pre-sizes the database's tables from the file's hint, but only up to a bound: the hint is
     * the file's word, and a bigger table still grows as keys really arrive.
     */
    @Override
    public void resizeDatabase(long size, long expiresSize) {
        db.expand((int) Math.min(size, MAX_PRESIZE), (int) Math.min(expiresSize, MAX_PRESIZE));
    }

    @Override
    public void entry(byte[] key, Object value, long expireAtMs) throws IOException {
        if (!keepExpired && expireAtMs != -1 && expireAtMs < now) {
            expired++;
            return;
        }
        if (!db.putNew(key, value)) {
            throw new IOException("duplicate key '" + Bytes.of(key) + "' in database " + db.id());
        }
        if (expireAtMs != -1) {
            db.setExpireAt(key, expireAtMs);
        }
        loaded++;
    }
}
