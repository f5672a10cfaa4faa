package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.persist.RdbLoader;
import io.replicatedstore.datanode.persist.rdb.EncodingLimits;
import io.replicatedstore.datanode.persist.rdb.RdbWriteOptions;
import io.replicatedstore.datanode.persist.rdb.RdbWriter;
import io.replicatedstore.datanode.store.Keyspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamingLoadTest {

    private static final int KEYS = 100_000;

    /** Tasks meant for the keyspace thread, run when the test says. */
    private final LinkedBlockingQueue<Runnable> keyspaceThread = new LinkedBlockingQueue<>();
    private final AtomicInteger resumed = new AtomicInteger();
    private final AtomicReference<Throwable> failed = new AtomicReference<>();

    private StreamingLoad load(Keyspace staging, long length) {
        return new StreamingLoad(staging, length, EncodingLimits.DEFAULTS, keyspaceThread::add,
                failed::set, resumed::incrementAndGet);
    }

    private static byte[] rdb(int keys) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbWriter writer = new RdbWriter(out, RdbWriteOptions.defaults(RdbWriteOptions.Aux.of(1_700_000_000L, 1)));
        writer.startDatabase(0, keys, 0);
        java.util.Random random = new java.util.Random(keys);
        for (int i = 0; i < keys; i++) {
            byte[] value = new byte[100];
            random.nextBytes(value); // incompressible, as a benchmark's values
            writer.writeKey(("key:" + i).getBytes(StandardCharsets.US_ASCII), value, -1);
        }
        writer.finish();
        return out.toByteArray();
    }

    private void runKeyspaceTasks() {
        Runnable task;
        while ((task = keyspaceThread.poll()) != null) {
            task.run();
        }
    }

    @Test
    void loadsWhatItIsGivenAndAsksToPauseAndResumeReading() throws Exception {
        byte[] rdb = rdb(KEYS);
        assertThat(rdb.length).isGreaterThan((int) StreamingLoad.PAUSE_ABOVE);
        Keyspace staging = new Keyspace(16, System::currentTimeMillis);
        StreamingLoad load = load(staging, rdb.length);
        // One piece past the mark: counted before the loader can take any of it.
        assertThat(load.offer(rdb, 0, rdb.length)).as("pause asked").isTrue();
        RdbLoader.Result result = load.finish();
        assertThat(result.loaded()).isEqualTo(KEYS);
        assertThat(staging.db(0).size()).isEqualTo(KEYS);
        assertThat(staging.db(0).getString("key:7".getBytes(StandardCharsets.US_ASCII))).hasSize(100);
        runKeyspaceTasks();
        assertThat(resumed.get()).as("resume once the loader caught up").isEqualTo(1);
        assertThat(failed.get()).isNull();
    }

    @Test
    void piecesOfAnyLengthMakeTheSameDataset() throws Exception {
        byte[] rdb = rdb(5_000);
        Keyspace staging = new Keyspace(16, System::currentTimeMillis);
        StreamingLoad load = load(staging, -1); // diskless: length unknown
        int at = 0;
        java.util.Random random = new java.util.Random(3);
        while (at < rdb.length) {
            int n = Math.min(rdb.length - at, 1 + random.nextInt(70_000));
            load.offer(rdb, at, n);
            at += n;
        }
        assertThat(load.finish().loaded()).isEqualTo(5_000);
        assertThat(staging.totalKeys()).isEqualTo(5_000);
    }

    @Test
    void aTruncatedTransferFailsTheLoad() throws Exception {
        byte[] rdb = rdb(5_000);
        Keyspace staging = new Keyspace(16, System::currentTimeMillis);
        StreamingLoad load = load(staging, -1);
        load.offer(rdb, 0, rdb.length / 2);
        assertThatThrownBy(load::finish).isInstanceOf(IOException.class).hasMessageContaining("end of the RDB stream");
    }

    @Test
    void aCorruptRdbIsReportedToTheKeyspaceThreadBeforeTheTransferEnds() throws Exception {
        byte[] rdb = rdb(5_000);
        rdb[9] = 'X'; // an unknown opcode right after the header
        StreamingLoad load = load(new Keyspace(16, System::currentTimeMillis), rdb.length);
        load.offer(rdb, 0, 1000);
        Runnable task = keyspaceThread.poll(30, TimeUnit.SECONDS);
        assertThat(task).as("failure posted").isNotNull();
        task.run();
        assertThat(failed.get()).isNotNull();
        assertThatThrownBy(load::finish).isInstanceOf(IOException.class);
    }

    @Test
    void anAbortedLoadStopsItsThreadAndKeepsNothing() throws Exception {
        byte[] rdb = rdb(5_000);
        StreamingLoad load = load(new Keyspace(16, System::currentTimeMillis), rdb.length);
        load.offer(rdb, 0, rdb.length / 3);
        load.abort();
        assertThatThrownBy(load::finish).isInstanceOf(IOException.class).hasMessageContaining("aborted");
        assertThat(load.offer(rdb, 0, 10)).as("pieces after the abort are dropped").isFalse();
    }
}
