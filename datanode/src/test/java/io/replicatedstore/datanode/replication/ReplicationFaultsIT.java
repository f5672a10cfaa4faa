package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.replication.ReplicationFixture.Node;
import io.replicatedstore.datanode.replication.ReplicationFixture.Pipeline;
import io.replicatedstore.datanode.replication.ReplicationFixture.Writer;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.replicatedstore.datanode.replication.ReplicationFixture.OURS;
import static io.replicatedstore.datanode.replication.ReplicationFixture.assertBulkLoaded;
import static io.replicatedstore.datanode.replication.ReplicationFixture.assertSameDataset;
import static io.replicatedstore.datanode.replication.ReplicationFixture.awaitInSync;
import static io.replicatedstore.datanode.replication.ReplicationFixture.awaitWithLogs;
import static io.replicatedstore.datanode.replication.ReplicationFixture.bulkLoad;
import static io.replicatedstore.datanode.replication.ReplicationFixture.closeAll;
import static io.replicatedstore.datanode.replication.ReplicationFixture.logs;
import static io.replicatedstore.datanode.replication.ReplicationFixture.ok;
import static io.replicatedstore.datanode.replication.ReplicationFixture.populate;
import static io.replicatedstore.datanode.replication.ReplicationFixture.replication;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replication between our data nodes when things break: killed links under write load, backlog
 * overrun, replication timeouts, a restarted master, kills in the middle of an RDB transfer and a
 * truncated RDB stream. Each expectation is Redis 7.0's behaviour:
 * {@code -Dreplication.ours=redis} runs the same tests with redis-server in every role.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplicationFaultsIT {

    private Node master;
    private Node replica;
    private Node replica2;

    @AfterEach
    void stopAll() {
        closeAll(master, replica, replica2);
    }

    @Test
    void replicationTimeoutDropsAFrozenPeerOnBothSides() {
        master = OURS.start("--repl-timeout", "2");
        replica = OURS.start("--repl-timeout", "2");
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        ok(master.call("SET", "k", "1"));
        awaitInSync(master, replica);

        replica.pause();
        try {
            awaitWithLogs("the master dropping a silent replica", Duration.ofSeconds(10),
                    () -> assertThat(master.info("replication", "connected_slaves")).isEqualTo("0"), master);
        } finally {
            replica.resume();
        }
        awaitInSync(master, replica);

        master.pause();
        try {
            awaitWithLogs("the replica dropping a silent master", Duration.ofSeconds(10),
                    () -> assertThat(replication(replica)).containsEntry("master_link_status", "down"), replica);
        } finally {
            master.resume();
        }
        ok(master.call("SET", "k", "2"));
        awaitInSync(master, replica);
        assertThat(replica.call("GET", "k")).isEqualTo("2");
        assertThat(master.stat("sync_partial_ok")).as("resyncs after the timeouts were partial").isEqualTo(2);
        assertThat(master.stat("sync_full")).isEqualTo(1);
    }


    // ---------------------------------------------------------------- faults

    @Test
    void killedLinkUnderWriteLoadResumesWithAPartialResync() {
        master = OURS.start();
        replica = OURS.start();
        populate(master.client(), "k", 20);
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        awaitInSync(master, replica);
        String replid = master.info("replication", "master_replid");
        long full = master.stat("sync_full");
        long partial = master.stat("sync_partial_ok");
        try (Writer writer = new Writer(master)) {
            writer.awaitProgress(20);
            assertThat(master.call("CLIENT", "KILL", "TYPE", "replica")).isEqualTo(1L);
            writer.awaitProgress(20);
            awaitWithLogs("a partial resync after the link was killed", ReplicationFixture.SYNC_TIMEOUT,
                    () -> assertThat(master.stat("sync_partial_ok")).isEqualTo(partial + 1), master, replica);
            writer.awaitProgress(20);
            writer.stop();
            assertThat(writer.error.get()).isNull();
            awaitInSync(master, replica);
            assertThat(replica.call("GET", "counter")).isEqualTo(Long.toString(writer.lastCounter.get()));
        }
        assertThat(master.stat("sync_full")).as("sync_full").isEqualTo(full);
        assertThat(replica.info("replication", "master_replid")).isEqualTo(replid);
        assertSameDataset(master, replica);
    }

    @Test
    void backlogOverrunForcesAFullResync() {
        master = OURS.start();
        replica = OURS.start();
        ok(master.call("CONFIG", "SET", "repl-backlog-size", "16kb"));
        assertThat(master.call("CONFIG", "GET", "repl-backlog-size")).isEqualTo(List.of("repl-backlog-size", "16384"));
        populate(master.client(), "b", 5);
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        awaitInSync(master, replica);
        long full = master.stat("sync_full");
        long partial = master.stat("sync_partial_ok");
        long partialErr = master.stat("sync_partial_err");

        replica.pause();
        try {
            assertThat(master.call("CLIENT", "KILL", "TYPE", "replica")).isEqualTo(1L);
            ReplicationFixture.Pipeline p = new ReplicationFixture.Pipeline();
            String value = "o".repeat(1000);
            for (int i = 0; i < 200; i++) {
                p.add("SET", "overrun:" + i, value);
            }
            p.run(master.client());
        } finally {
            replica.resume();
        }
        awaitWithLogs("a full resync after the backlog was overrun", ReplicationFixture.SYNC_TIMEOUT,
                () -> assertThat(master.stat("sync_full")).isEqualTo(full + 1), master, replica);
        awaitInSync(master, replica);
        assertThat(master.stat("sync_partial_ok")).as("sync_partial_ok").isEqualTo(partial);
        assertThat(master.stat("sync_partial_err")).as("sync_partial_err").isEqualTo(partialErr + 1);
        assertSameDataset(master, replica);
    }

    @Test
    void restartedMasterWithANewReplicationIdForcesAFullResync() {
        master = OURS.start();
        replica = OURS.start();
        populate(master.client(), "old", 5);
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        awaitInSync(master, replica);
        String oldReplid = master.info("replication", "master_replid");

        master = master.restart();
        populate(master.client(), "new", 3);
        awaitInSync(master, replica);
        String newReplid = master.info("replication", "master_replid");
        assertThat(newReplid).isNotEqualTo(oldReplid);
        assertThat(replica.info("replication", "master_replid")).isEqualTo(newReplid);
        assertThat(master.stat("sync_full")).as("sync_full").isEqualTo(1);
        assertThat(master.stat("sync_partial_ok")).as("sync_partial_ok").isZero();
        assertSameDataset(master, replica);
        assertThat(replica.call("EXISTS", "old0:0:str")).isEqualTo(0L);
    }

    private static final int BIG = 300_000;
    /** Parse the RDB while it arrives when the dataset is empty (ours: into a keyspace aside). */
    private static final String[] ON_EMPTY_DB = {"--repl-diskless-load", "on-empty-db"};
    private static final int BIG_VALUE = 100;

    /** Polls (every few ms) until the replica reports a transfer in progress. */
    private static void awaitTransferInProgress(Node master, Node replica) {
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        awaitWithLogs("master_sync_in_progress:1 on " + replica, Duration.ofSeconds(30), () -> {
            try (RespClient c = replica.process.client()) {
                Map<String, String> info = ServerProcess.parseInfo((String) c.call("INFO", "replication"));
                seen.set(info);
                assertThat(info).containsEntry("master_sync_in_progress", "1");
            }
        }, master, replica);
        Map<String, String> info = seen.get();
        assertThat(info).as("INFO replication during a transfer").containsKeys("master_sync_total_bytes",
                "master_sync_read_bytes", "master_sync_left_bytes", "master_sync_perc", "master_sync_last_io_seconds_ago");
        System.out.println("transfer caught at master_sync_total_bytes=" + info.get("master_sync_total_bytes")
                + " master_sync_read_bytes=" + info.get("master_sync_read_bytes"));
    }

    @Test
    void replicaKilledMidTransferSyncsCompletelyOnceRestarted() {
        master = OURS.start("--repl-diskless-sync", "no");
        bulkLoad(master.client(), BIG, BIG_VALUE);
        replica = OURS.start();
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        awaitTransferInProgress(master, replica);
        replica.kill();

        ok(master.call("SET", "after-kill", "1"));
        replica = replica.restart();
        assertThat(replica.call("DBSIZE")).isEqualTo(0L);
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        awaitInSync(master, replica);
        assertThat(master.info("replication", "connected_slaves")).isEqualTo("1");
        assertThat(replica.call("GET", "after-kill")).isEqualTo("1");
        assertThat(master.call("DEL", "after-kill")).isEqualTo(1L);
        awaitInSync(master, replica);
        assertBulkLoaded(replica, BIG, BIG_VALUE);
    }

    @Test
    void masterKilledMidTransferLeavesTheReplicaRetryingWithItsOldData() throws InterruptedException {
        master = OURS.start("--repl-diskless-sync", "no");
        bulkLoad(master.client(), BIG, BIG_VALUE);
        ok(master.call("SAVE")); // so that the restarted master has the same dataset
        replica = OURS.start();
        ok(replica.call("SET", "replica-own", "1"));
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        awaitTransferInProgress(master, replica);
        master.kill();

        // Watch the replica for two seconds: it never claims a live link, and serves its old data.
        List<String> seen = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try (RespClient c = replica.process.client()) {
            while (System.nanoTime() < until) {
                Object reply = c.call("INFO", "replication");
                Map<String, String> info = ServerProcess.parseInfo((String) reply);
                Object dbsize = c.call("DBSIZE");
                seen.add(info.get("master_link_status") + "/" + info.get("master_sync_in_progress") + "/" + dbsize);
                assertThat(info.get("master_link_status")).as("link status with the master dead; seen %s%s", seen,
                        logs(replica)).isEqualTo("down");
                assertThat(info.get("role")).isEqualTo("slave");
                if (!(dbsize instanceof RespClient.Error)) {
                    assertThat(dbsize).as("DBSIZE served while the transfer failed; seen %s", seen).isEqualTo(1L);
                }
                Thread.sleep(20);
            }
            assertThat(c.call("GET", "replica-own")).isEqualTo("1");
        }

        master = master.restart();
        awaitInSync(master, replica);
        assertBulkLoaded(replica, BIG, BIG_VALUE);
    }

    @ParameterizedTest(name = "EOF framing {0}")
    @ValueSource(booleans = {false, true})
    void truncatedRdbStreamToAnEmptyReplicaLoadingWhileReceivingIsNeverServed(boolean eofFraming) throws Exception {
        master = OURS.start();
        populate(master.client(), "t", 30);
        ok(master.call("SAVE"));
        byte[] rdb = Files.readAllBytes(master.dir().resolve("dump.rdb"));
        replica = OURS.start(ON_EMPTY_DB); // empty: it parses the RDB while it arrives, into a dataset aside
        try (FakeMaster fake = new FakeMaster(rdb, rdb.length / 2, eofFraming)) {
            assertThat(replica.call("REPLICAOF", "127.0.0.1", fake.port())).isEqualTo("OK");
            awaitWithLogs("the replica reconnecting after a truncated RDB", Duration.ofSeconds(15),
                    () -> assertThat(fake.connections()).isGreaterThanOrEqualTo(2), replica);
            assertThat(replication(replica)).containsEntry("master_link_status", "down")
                    .containsEntry("master_sync_in_progress", "0");
            assertThat(replica.call("DBSIZE")).as("keys served after the truncated transfer").isEqualTo(0L);

            fake.release();
            awaitWithLogs("link up with the fake master", ReplicationFixture.SYNC_TIMEOUT,
                    () -> assertThat(replication(replica)).containsEntry("master_link_status", "up")
                            .containsEntry("master_replid", FakeMaster.REPLID), replica);
            assertSameDataset(master, replica);
        }
    }

    @ParameterizedTest(name = "EOF framing {0}")
    @ValueSource(booleans = {false, true})
    void corruptRdbLoadedWhileReceivedIsDroppedWholeAndTheReplicaRetries(boolean eofFraming) throws Exception {
        master = OURS.start();
        populate(master.client(), "c", 30);
        ok(master.call("SAVE"));
        byte[] rdb = Files.readAllBytes(master.dir().resolve("dump.rdb"));
        byte[] corrupt = rdb.clone();
        corrupt[corrupt.length - 3] ^= 0x5a; // the checksum no longer matches: every key was read, none may count
        replica = OURS.start(ON_EMPTY_DB);
        try (FakeMaster fake = new FakeMaster(corrupt, rdb, corrupt.length, eofFraming)) {
            assertThat(replica.call("REPLICAOF", "127.0.0.1", fake.port())).isEqualTo("OK");
            awaitWithLogs("the replica reconnecting after a corrupt RDB", Duration.ofSeconds(15),
                    () -> assertThat(fake.connections()).isGreaterThanOrEqualTo(2), replica);
            assertThat(replication(replica)).containsEntry("master_link_status", "down");
            assertThat(replica.call("DBSIZE")).as("keys served after the corrupt transfer").isEqualTo(0L);
            assertThat(logs(replica)).contains("checksum");

            fake.release();
            awaitWithLogs("link up with the fake master", ReplicationFixture.SYNC_TIMEOUT,
                    () -> assertThat(replication(replica)).containsEntry("master_link_status", "up"), replica);
            assertSameDataset(master, replica);
        }
    }

    @ParameterizedTest(name = "diskless {0}")
    @ValueSource(booleans = {false, true})
    void emptyReplicaServesNoKeyUntilTheWholeRdbIsLoaded(boolean diskless) throws InterruptedException {
        master = OURS.start("--repl-diskless-sync", diskless ? "yes" : "no", "--repl-diskless-sync-delay", "0");
        bulkLoad(master.client(), BIG, BIG_VALUE);
        replica = OURS.start(ON_EMPTY_DB);
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        List<Object> sizes = new ArrayList<>();
        long until = System.nanoTime() + ReplicationFixture.SYNC_TIMEOUT.toNanos();
        try (RespClient c = replica.process.client()) {
            while (System.nanoTime() < until) {
                Object dbsize = c.call("DBSIZE");
                sizes.add(dbsize);
                if (Long.valueOf(BIG).equals(dbsize)) {
                    break;
                }
                if (!(dbsize instanceof RespClient.Error)) { // redis-server answers -LOADING meanwhile
                    assertThat(dbsize).as("DBSIZE while syncing; seen %s", sizes).isEqualTo(0L);
                }
                Thread.sleep(2);
            }
        }
        awaitInSync(master, replica);
        assertBulkLoaded(replica, BIG, BIG_VALUE);
        if (OURS == ReplicationFixture.Kind.DATANODE) {
            assertThat(logs(replica)).contains("while receiving them");
        }
        // The stream follows at once (a loader that paused the socket must not leave it paused
        // until repl-timeout, 60 s, drops the link).
        ok(master.call("SET", "after-sync", "1"));
        awaitWithLogs("the stream after the sync", Duration.ofSeconds(10),
                () -> assertThat(replica.call("GET", "after-sync")).isEqualTo("1"), master, replica);
    }

    @ParameterizedTest(name = "EOF framing {0}")
    @ValueSource(booleans = {false, true})
    void truncatedRdbStreamIsNeverServedAndTheReplicaRetries(boolean eofFraming) throws Exception {
        master = OURS.start(); // only the source of a real RDB file and of the dataset it holds
        populate(master.client(), "t", 30);
        ok(master.call("SAVE"));
        byte[] rdb = Files.readAllBytes(master.dir().resolve("dump.rdb"));
        replica = OURS.start();
        ok(replica.call("SET", "replica-own", "1"));
        try (FakeMaster fake = new FakeMaster(rdb, rdb.length / 2, eofFraming)) {
            assertThat(replica.call("REPLICAOF", "127.0.0.1", fake.port())).isEqualTo("OK");
            // The second connection is the retry after the cut transfer; the fake master holds it unanswered.
            awaitWithLogs("the replica reconnecting after a truncated RDB", Duration.ofSeconds(15),
                    () -> assertThat(fake.connections()).isGreaterThanOrEqualTo(2), replica);
            assertThat(fake.received).as("commands the replica sent")
                    .anySatisfy(c -> assertThat(c.get(0)).isEqualToIgnoringCase("PSYNC"));
            assertThat(replication(replica)).containsEntry("master_link_status", "down")
                    .containsEntry("master_sync_in_progress", "0");
            assertThat(replica.call("DBSIZE")).as("keys served after the truncated transfer").isEqualTo(1L);
            assertThat(replica.call("GET", "replica-own")).isEqualTo("1");

            fake.release();
            awaitWithLogs("link up with the fake master", ReplicationFixture.SYNC_TIMEOUT,
                    () -> assertThat(replication(replica)).containsEntry("master_link_status", "up")
                            .containsEntry("master_replid", FakeMaster.REPLID), replica);
            assertSameDataset(master, replica);
        }
    }
}
