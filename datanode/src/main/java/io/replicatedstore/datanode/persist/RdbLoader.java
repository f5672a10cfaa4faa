package io.replicatedstore.datanode.persist;

import io.replicatedstore.datanode.persist.rdb.EncodingLimits;
import io.replicatedstore.datanode.persist.rdb.RdbReader;
import io.replicatedstore.datanode.persist.rdb.RdbSink;
import io.replicatedstore.datanode.store.Bytes;
import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.Keyspace;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads an RDB file into the keyspace, dropping keys that are already expired (as a master
 * does). If it throws, the keyspace holds part of the file and must not be served.
 */
final class RdbLoader implements RdbSink {

    /** Keys loaded and keys skipped because they had expired. */
    record Result(long loaded, long expired) {
    }

    private final Keyspace keyspace;
    private final long now = System.currentTimeMillis();
    private Database db;
    private long loaded;
    private long expired;

    private RdbLoader(Keyspace keyspace) {
        this.keyspace = keyspace;
        this.db = keyspace.db(0);
    }

    static Result load(Keyspace keyspace, Path file, EncodingLimits limits) throws IOException {
        RdbLoader loader = new RdbLoader(keyspace);
        RdbReader.readFile(file, limits, loader);
        return new Result(loader.loaded, loader.expired);
    }

    @Override
    public void database(int index) throws IOException {
        if (index >= keyspace.count()) {
            throw new IOException("the file selects database " + index + " but only " + keyspace.count()
                    + " are configured (databases)");
        }
        db = keyspace.db(index);
    }

    @Override
    public void entry(byte[] key, Object value, long expireAtMs) throws IOException {
        if (expireAtMs != -1 && expireAtMs < now) {
            expired++;
            return;
        }
        if (db.peek(key) != null) {
            throw new IOException("duplicate key '" + Bytes.of(key) + "' in database " + db.id());
        }
        db.put(key, value);
        if (expireAtMs != -1) {
            db.setExpireAt(key, expireAtMs);
        }
        loaded++;
    }
}
