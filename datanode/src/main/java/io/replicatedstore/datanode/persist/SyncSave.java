package io.replicatedstore.datanode.persist;

import io.replicatedstore.datanode.persist.rdb.RdbWriteOptions;
import io.replicatedstore.datanode.persist.rdb.RdbWriter;
import io.replicatedstore.datanode.store.Keyspace;
import io.replicatedstore.datanode.store.Snapshot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** SAVE: the whole snapshot written on the calling (keyspace) thread, fsynced and renamed into place. */
final class SyncSave {

    private SyncSave() {
    }

    /** Returns the keys written. */
    static long save(Keyspace keyspace, RdbWriteOptions options, Path temp, Path target) throws IOException {
        long keys;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            RdbWriter writer = new RdbWriter(out, options);
            SnapshotRdbSink sink = new SnapshotRdbSink(writer);
            Snapshot snapshot = keyspace.startSnapshot(sink);
            try {
                while (!snapshot.step(Integer.MAX_VALUE)) {
                    // one call normally does it all
                }
            } finally {
                snapshot.cancel();
            }
            if (sink.failure() != null) {
                throw sink.failure() instanceof IOException io ? io : new IOException(sink.failure());
            }
            writer.finish();
            out.flush();
            channel.force(true);
            keys = sink.keys();
        } catch (IOException | RuntimeException e) {
            RdbFiles.deleteQuietly(temp);
            throw e;
        }
        RdbFiles.publish(temp, target);
        return keys;
    }
}
