package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.replication.ReplicationFixture.Node;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.replicatedstore.datanode.replication.ReplicationFixture.OURS;
import static io.replicatedstore.datanode.replication.ReplicationFixture.READONLY;
import static io.replicatedstore.datanode.replication.ReplicationFixture.awaitInSync;
import static io.replicatedstore.datanode.replication.ReplicationFixture.awaitWithLogs;
import static io.replicatedstore.datanode.replication.ReplicationFixture.closeAll;
import static io.replicatedstore.datanode.replication.ReplicationFixture.ok;
import static io.replicatedstore.datanode.replication.ReplicationFixture.replication;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a master with a replica offers: a read-only replica, WAIT, min-replicas-to-write, ROLE and
 * INFO replication, expiries as absolute times, and expiry left to the master. Each expectation is
 * Redis 7.0's behaviour: {@code -Dreplication.ours=redis} runs the same tests with redis-server in
 * every role.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicationFeaturesIT {

    /** One master and one replica, shared by the tests that leave the pair as they found it. */
    private Node m;
    private Node r;
    /** Nodes of a test of its own. */
    private Node master;
    private Node replica;

    @AfterEach
    void stopOwnNodes() {
        closeAll(master, replica);
        master = null;
        replica = null;
    }

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

        // A frozen replica stays connected but stops acknowledging: bad once its lag passes 2 seconds.
        replica.pause();
        try {
            awaitWithLogs("NOREPLICAS once the replica lags", Duration.ofSeconds(10),
                    () -> assertThat(master.call("SET", "k", "lagging")).isEqualTo(noReplicas), master);
            assertThat(master.info("replication", "connected_slaves")).isEqualTo("1");
        } finally {
            replica.resume();
        }
        awaitWithLogs("writes accepted again", Duration.ofSeconds(10),
                () -> assertThat(master.call("SET", "k", "v")).isEqualTo("OK"), master, replica);

        replica.kill();
        awaitWithLogs("NOREPLICAS once the replica is gone", Duration.ofSeconds(10),
                () -> assertThat(master.call("SET", "k", "w")).isEqualTo(noReplicas), master);
        assertThat(master.call("GET", "k")).isEqualTo("v");
    }
}
