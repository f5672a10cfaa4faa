package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.replication.ReplicationFixture.Node;
import io.replicatedstore.datanode.replication.ReplicationFixture.Writer;
import io.replicatedstore.datanode.server.PropagationFixture;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replication between our data nodes, black box: real processes on loopback, set up by the
 * three ways Redis offers, full and partial resyncs, the features a master offers its clients
 * (WAIT, min-replicas, ROLE, INFO), faults (killed links, backlog overrun, restarts, kills in
 * the middle of a transfer), promotion, chains and FAILOVER. Each expectation is Redis 7.0's
 * behaviour: {@code -Dreplication.ours=redis} runs the same tests with redis-server everywhere.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplicationIT {

    private static final String READONLY = "READONLY You can't write against a read only replica.";

    private Node master;
    private Node replica;
    private Node replica2;

    @AfterEach
    void stopAll() {
        closeAll(master, replica, replica2);
    }

    private static Map<String, String> replication(Node node) {
        return node.info("replication");
    }

    // ---------------------------------------------------------------- setting up and breaking

    @Test
    void replicaofAtRunTimeAnswersAtOnceAndRetriesUntilTheMasterIsUp() {
        replica = OURS.start();
        int port = TestNode.freePort();
        long start = System.nanoTime();
        assertThat(replica.call("REPLICAOF", "127.0.0.1", port)).isEqualTo("OK");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("REPLICAOF reply time").isLessThan(Duration.ofSeconds(1));
        assertThat(replication(replica)).containsEntry("role", "slave").containsEntry("master_port", Integer.toString(port))
                .containsEntry("master_link_status", "down");

        master = OURS.startAt(port, ServerProcess.newDirectory("master"), null);
        populate(master.client(), "a", 5);
        awaitInSync(master, replica);
        assertSameDataset(master, replica);
        assertThat(replica.call("REPLICAOF", "127.0.0.1", port)).isEqualTo("OK Already connected to specified master");
    }

    @Test
    void replicaofFromTheCommandLineAndFromAConfigFile() throws Exception {
        master = OURS.start();
        populate(master.client(), "c", 5);
        replica = OURS.start("--replicaof", "127.0.0.1", Integer.toString(master.port()));
        Path dir = ServerProcess.newDirectory("conf");
        Path conf = dir.resolve("replica.conf");
        Files.writeString(conf, "# a replica set up by its config file\nreplicaof 127.0.0.1 " + master.port() + "\n");
        replica2 = OURS.startAt(TestNode.freePort(), dir, conf);

        awaitInSync(master, replica);
        awaitInSync(master, replica2);
        assertSameDataset(master, replica);
        assertSameDataset(master, replica2);
        assertThat(master.info("replication", "connected_slaves")).isEqualTo("2");
    }

    @Test
    void slaveofAttachesAndReplicaofNoOneKeepsTheDataAndShiftsTheReplicationId() {
        master = OURS.start();
        replica = OURS.start();
        populate(master.client(), "n", 5);
        assertThat(replica.call("SLAVEOF", "127.0.0.1", master.port())).isEqualTo("OK");
        awaitInSync(master, replica);
        ok(master.call("SET", "after-sync", "1"));
        awaitInSync(master, replica);
        Map<String, List<Object>> before = PropagationFixture.dump(replica.client());
        Map<String, String> was = replication(replica);
        assertThat(was.get("master_replid")).isEqualTo(master.info("replication", "master_replid"));

        assertThat(replica.call("REPLICAOF", "NO", "ONE")).isEqualTo("OK");

        Map<String, String> now = replication(replica);
        assertThat(now).containsEntry("role", "master")
                .containsEntry("master_replid2", was.get("master_replid"))
                .containsEntry("second_repl_offset", Long.toString(Long.parseLong(was.get("master_repl_offset")) + 1))
                .containsEntry("master_repl_offset", was.get("master_repl_offset"));
        assertThat(now.get("master_replid")).matches("[0-9a-f]{40}").isNotEqualTo(was.get("master_replid"));
        assertThat(PropagationFixture.dump(replica.client())).isEqualTo(before);
        ok(replica.call("SET", "writable-now", "yes"));
        assertThat(master.call("EXISTS", "writable-now")).isEqualTo(0L);
    }

    // ---------------------------------------------------------------- full sync

    @ParameterizedTest(name = "repl-diskless-sync {0}")
    @ValueSource(strings = {"no", "yes"})
    void fullSyncWithWritesDuringTheTransferLosesNothing(String diskless) {
        master = OURS.start("--repl-diskless-sync", diskless, "--repl-diskless-sync-delay", "0");
        replica = OURS.start();
        populate(master.client(), "f", 300);
        try (Writer writer = new Writer(master)) {
            writer.awaitProgress(20);
            long atReplicaof = writer.acknowledged.get();
            assertThat(replica.replicaOf(master)).isEqualTo("OK");
            awaitWithLogs("link up", ReplicationFixture.SYNC_TIMEOUT,
                    () -> assertThat(replication(replica)).containsEntry("master_link_status", "up"), master, replica);
            assertThat(writer.acknowledged.get()).as("writes acknowledged by the master while the replica synced")
                    .isGreaterThan(atReplicaof);
            writer.awaitProgress(50);
            writer.stop();
            assertThat(writer.error.get()).as("writer error").isNull();
            awaitInSync(master, replica);
            assertThat(replica.call("GET", "counter")).isEqualTo(Long.toString(writer.lastCounter.get()));
        }
        assertSameDataset(master, replica);
        assertThat(master.stat("sync_full")).isEqualTo(1);
    }

    // ---------------------------------------------------------------- what a master with a replica offers

    /** One master and one replica for tests that leave the pair as they found it. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithOneReplica {
        Node m;
        Node r;

        @BeforeAll
        void startPair() {
            m = OURS.start();
            r = OURS.start();
            assertThat(r.replicaOf(m)).isEqualTo("OK");
        }

        @AfterAll
        void stopPair() {
            closeAll(m, r);
        }

        @BeforeEach
        void inSync() {
            awaitInSync(m, r);
        }

        @Test
        void replicaRefusesWritesAndServesReads() {
            ok(m.call("SET", "ro", "from-master"));
            awaitInSync(m, r);
            assertThat(r.call("SET", "ro", "x")).isEqualTo(new RespClient.Error(READONLY));
            assertThat(r.call("DEL", "ro")).isEqualTo(new RespClient.Error(READONLY));
            assertThat(r.call("GET", "ro")).isEqualTo("from-master");
            assertThat(r.info("replication", "slave_read_only")).isEqualTo("1");
        }

        @Test
        void waitCountsTheReplicasThatAcknowledged() {
            ok(m.call("SET", "waited", "1"));
            assertThat(m.call("WAIT", 1, 1000)).isEqualTo(1L);
            ok(m.call("SET", "waited", "2"));
            long start = System.nanoTime();
            assertThat(m.call("WAIT", 2, 300)).as("WAIT for more replicas than there are").isEqualTo(1L);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            assertThat(m.call("WAIT", 0, 0)).isEqualTo(1L);
        }

        @Test
        void roleAndInfoDescribeBothEnds() {
            ok(m.call("SET", "role", "x"));
            awaitInSync(m, r);
            // The master learns the replica's offset from its REPLCONF ACK, sent every second.
            awaitWithLogs("INFO and ROLE of a quiet, acknowledged pair", Duration.ofSeconds(5), () -> {
                Map<String, String> mi = replication(m);
                String offset = mi.get("master_repl_offset");
                assertThat(mi).containsEntry("role", "master").containsEntry("connected_slaves", "1")
                        .containsEntry("master_failover_state", "no-failover")
                        .containsEntry("master_replid2", "0".repeat(40)).containsEntry("second_repl_offset", "-1")
                        .containsEntry("repl_backlog_active", "1").containsEntry("repl_backlog_size", "1048576")
                        .containsEntry("repl_backlog_first_byte_offset", "1")
                        .containsKey("repl_backlog_histlen").doesNotContainKey("min_slaves_good_slaves");
                assertThat(mi.get("master_replid")).matches("[0-9a-f]{40}");
                assertThat(mi.get("slave0")).matches("ip=127\\.0\\.0\\.1,port=" + r.port() + ",state=online,offset="
                        + offset + ",lag=[01]");
                assertThat(Long.parseLong(offset)).isPositive();

                Map<String, String> ri = replication(r);
                assertThat(ri).containsEntry("role", "slave").containsEntry("master_host", "127.0.0.1")
                        .containsEntry("master_port", Integer.toString(m.port())).containsEntry("master_link_status", "up")
                        .containsEntry("master_sync_in_progress", "0").containsEntry("slave_repl_offset", offset)
                        .containsEntry("slave_read_repl_offset", offset).containsEntry("slave_priority", "100")
                        .containsEntry("slave_read_only", "1").containsEntry("replica_announced", "1")
                        .containsEntry("connected_slaves", "0").containsEntry("master_failover_state", "no-failover")
                        .containsEntry("master_replid", mi.get("master_replid"))
                        .containsEntry("master_repl_offset", offset);
                assertThat(ri.get("master_last_io_seconds_ago")).matches("\\d+");

                assertThat(m.call("ROLE")).isEqualTo(List.of("master", Long.parseLong(offset),
                        List.of(List.of("127.0.0.1", Integer.toString(r.port()), offset))));
                assertThat(r.call("ROLE")).isEqualTo(List.of("slave", "127.0.0.1", (long) m.port(), "connected",
                        Long.parseLong(offset)));
            }, m, r);
        }

        @Test
        void expiriesReachTheReplicaAsAbsoluteTimes() throws InterruptedException {
            r.pause();
            try {
                ok(m.call("SETEX", "x1", 1000, "v"));
                ok(m.call("SET", "x2", "v", "EX", 1000));
                ok(m.call("PSETEX", "x3", 1_000_000, "v"));
                ok(m.call("SET", "x4", "v"));
                assertThat(m.call("EXPIRE", "x4", 1000)).isEqualTo(1L);
                ok(m.call("SET", "x5", "v"));
                assertThat(m.call("PEXPIRE", "x5", 1_000_000)).isEqualTo(1L);
                ok(m.call("SET", "x6", "v"));
                assertThat(m.call("GETEX", "x6", "EX", 1000)).isEqualTo("v");
                // Not a synchronisation: the replica applies these 300 ms late, so a relative
                // expiry replayed there would end 300 ms later than on the master.
                Thread.sleep(300);
            } finally {
                r.resume();
            }
            awaitInSync(m, r);
            for (String key : List.of("x1", "x2", "x3", "x4", "x5", "x6")) {
                Object expiry = m.call("PEXPIRETIME", key);
                assertThat((Long) expiry).as("master PEXPIRETIME %s", key).isPositive();
                assertThat(r.call("PEXPIRETIME", key)).as("replica PEXPIRETIME %s", key).isEqualTo(expiry);
            }
        }

        @Test
        void replicaHidesExpiredKeysButLeavesTheirDeletionToTheMaster() throws InterruptedException {
            ok(m.call("SET", "short", "v", "PX", 300));
            awaitInSync(m, r);
            long dbsize = (Long) r.call("DBSIZE");
            m.pause();
            try {
                // The key's time passes while the master, which alone may delete it, is frozen.
                Thread.sleep(400);
                assertThat(r.call("GET", "short")).as("GET of an expired key on the replica").isNull();
                assertThat(r.call("EXISTS", "short")).isEqualTo(0L);
                assertThat(r.call("DBSIZE")).as("the replica keeps the key until the master's DEL").isEqualTo(dbsize);
            } finally {
                m.resume();
            }
            awaitWithLogs("the master's DEL of the expired key reaches the replica", Duration.ofSeconds(10),
                    () -> assertThat(r.call("DBSIZE")).isEqualTo(dbsize - 1), m, r);
        }
    }

    @Test
    void minReplicasToWriteRefusesWritesWithoutAGoodReplica() {
        master = OURS.start("--min-replicas-to-write", "1", "--min-replicas-max-lag", "2");
        RespClient.Error noReplicas = new RespClient.Error("NOREPLICAS Not enough good replicas to write.");
        assertThat(master.call("SET", "k", "v")).isEqualTo(noReplicas);
        assertThat(master.call("GET", "k")).isNull();

        replica = OURS.start();
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        awaitInSync(master, replica);
        awaitWithLogs("a good replica", Duration.ofSeconds(10),
                () -> assertThat(master.info("replication", "min_slaves_good_slaves")).isEqualTo("1"), master, replica);
        ok(master.call("SET", "k", "v"));

        replica.kill();
        awaitWithLogs("NOREPLICAS once the replica is gone", Duration.ofSeconds(10),
                () -> assertThat(master.call("SET", "k", "w")).isEqualTo(noReplicas), master);
        assertThat(master.call("GET", "k")).isEqualTo("v");
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
            assertThat(fake.received).as("commands the replica sent").anySatisfy(c -> assertThat(c.get(0)).isEqualToIgnoringCase("PSYNC"));
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

    // ---------------------------------------------------------------- promotion and chains

    @Test
    void promotedReplicaServesItsSiblingAPartialResync() {
        master = OURS.start();
        replica = OURS.start();
        replica2 = OURS.start();
        populate(master.client(), "p", 10);
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        assertThat(replica2.replicaOf(master)).isEqualTo("OK");
        awaitInSync(master, replica);
        awaitInSync(master, replica2);
        ok(master.call("SET", "before-promotion", "1"));
        awaitInSync(master, replica);
        awaitInSync(master, replica2);
        master.kill();

        assertThat(replica.call("REPLICAOF", "NO", "ONE")).isEqualTo("OK");
        assertThat(replica2.replicaOf(replica)).isEqualTo("OK");
        awaitInSync(replica, replica2);
        assertThat(replica.stat("sync_partial_ok")).as("sync_partial_ok on the promoted replica").isEqualTo(1);
        assertThat(replica.stat("sync_full")).as("sync_full on the promoted replica").isZero();
        ok(replica.call("SET", "after-promotion", "2"));
        awaitInSync(replica, replica2);
        assertThat(replica2.info("replication", "master_replid")).isEqualTo(replica.info("replication", "master_replid"));
        assertThat(replica2.call("GET", "after-promotion")).isEqualTo("2");
        assertSameDataset(replica, replica2);
    }

    @Test
    void chainedReplicaFollowsTheTopMastersHistory() {
        master = OURS.start();
        replica = OURS.start();
        replica2 = OURS.start();
        populate(master.client(), "ch", 10);
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        assertThat(replica2.replicaOf(replica)).isEqualTo("OK");
        try (Writer writer = new Writer(master)) {
            writer.awaitProgress(50);
        }
        awaitInSync(master, replica);
        awaitInSync(replica, replica2);
        Map<String, String> top = replication(master);
        Map<String, String> bottom = replication(replica2);
        assertThat(bottom.get("master_replid")).isEqualTo(top.get("master_replid"));
        assertThat(bottom.get("slave_repl_offset")).isEqualTo(top.get("master_repl_offset"));
        assertThat(replication(replica)).containsEntry("connected_slaves", "1")
                .containsEntry("master_repl_offset", top.get("master_repl_offset"));
        assertSameDataset(master, replica2);
    }

    // ---------------------------------------------------------------- FAILOVER

    @Test
    void failoverSwapsRolesWithoutLosingAcknowledgedWrites() {
        master = OURS.start();
        replica = OURS.start();
        populate(master.client(), "fo", 5);
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        awaitInSync(master, replica);
        long acknowledged;
        Object error;
        try (Writer writer = new Writer(master)) {
            writer.awaitProgress(30);
            assertThat(master.call("FAILOVER")).isEqualTo("OK");
            awaitWithLogs("the old master demoted", Duration.ofSeconds(20), () -> {
                assertThat(replication(master)).containsEntry("role", "slave")
                        .containsEntry("master_port", Integer.toString(replica.port()))
                        .containsEntry("master_failover_state", "no-failover");
                assertThat(replication(replica)).containsEntry("role", "master");
            }, master, replica);
            awaitWithLogs("the writer refused", Duration.ofSeconds(20),
                    () -> assertThat(writer.error.get()).isNotNull(), master, replica);
            acknowledged = writer.lastCounter.get();
            error = writer.error.get();
        }
        assertThat(error).isEqualTo(new RespClient.Error(READONLY));
        awaitInSync(replica, master);
        assertThat(replica.call("GET", "counter")).as("acknowledged INCRs on the new master")
                .isEqualTo(Long.toString(acknowledged));
        assertThat(replica.stat("sync_full")).as("sync_full on the new master").isZero();
        assertThat(replica.stat("sync_partial_ok")).as("sync_partial_ok on the new master").isEqualTo(1);
        ok(replica.call("SET", "after-failover", "1"));
        awaitInSync(replica, master);
        assertSameDataset(replica, master);
    }

    @Test
    void failoverToANamedReplica() {
        master = OURS.start();
        replica = OURS.start();
        replica2 = OURS.start();
        populate(master.client(), "ft", 5);
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        assertThat(replica2.replicaOf(master)).isEqualTo("OK");
        awaitInSync(master, replica);
        awaitInSync(master, replica2);
        assertThat(master.call("FAILOVER", "TO", "127.0.0.1", TestNode.freePort()))
                .isEqualTo(new RespClient.Error("ERR FAILOVER target HOST and PORT is not a replica."));

        assertThat(master.call("FAILOVER", "TO", "127.0.0.1", replica2.port())).isEqualTo("OK");
        awaitWithLogs("the named replica promoted", Duration.ofSeconds(20), () -> {
            assertThat(replication(replica2)).containsEntry("role", "master");
            assertThat(replication(master)).containsEntry("role", "slave")
                    .containsEntry("master_port", Integer.toString(replica2.port()));
        }, master, replica, replica2);
        assertThat(replication(replica)).as("the other replica stays with the old master")
                .containsEntry("role", "slave").containsEntry("master_port", Integer.toString(master.port()));
        ok(replica2.call("SET", "after-failover", "1"));
        awaitInSync(replica2, master);
        awaitInSync(master, replica);
        assertThat(replica.call("GET", "after-failover")).isEqualTo("1");
        assertSameDataset(replica2, replica);
    }

    @Test
    void failoverAbortAndTimeoutLeaveTheMasterInCharge() {
        master = OURS.start();
        replica = OURS.start();
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        ok(master.call("SET", "k", "1"));
        awaitInSync(master, replica);
        assertThat(master.call("FAILOVER", "ABORT")).isEqualTo(new RespClient.Error("ERR No failover in progress."));
        assertThat(replica.call("FAILOVER")).isEqualTo(new RespClient.Error("ERR FAILOVER is not valid when server is a replica."));

        // A paused replica cannot acknowledge the write made after the pause: the master waits for it.
        replica.pause();
        try {
            ok(master.call("SET", "k", "unacknowledged"));
            assertThat(master.call("FAILOVER")).isEqualTo("OK");
            assertThat(master.info("replication", "master_failover_state")).isEqualTo("waiting-for-sync");
            assertThat(master.call("FAILOVER", "ABORT")).isEqualTo("OK");
            assertThat(replication(master)).containsEntry("master_failover_state", "no-failover").containsEntry("role", "master");
            ok(master.call("SET", "k", "2"));
        } finally {
            replica.resume();
        }
        awaitInSync(master, replica);

        replica.pause();
        try {
            ok(master.call("SET", "k", "unacknowledged"));
            assertThat(master.call("FAILOVER", "TIMEOUT", 500)).isEqualTo("OK");
            assertThat(master.info("replication", "master_failover_state")).isEqualTo("waiting-for-sync");
            awaitWithLogs("the failover given up after its timeout", Duration.ofSeconds(5),
                    () -> assertThat(replication(master)).containsEntry("master_failover_state", "no-failover"), master);
            assertThat(replication(master)).containsEntry("role", "master");
            ok(master.call("SET", "k", "3"));
        } finally {
            replica.resume();
        }
        awaitInSync(master, replica);
        assertThat(replica.call("GET", "k")).isEqualTo("3");
        assertThat(replication(replica)).containsEntry("role", "slave");
    }
}
