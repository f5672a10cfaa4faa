package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.replication.ReplicationFixture.Node;
import io.replicatedstore.datanode.replication.ReplicationFixture.Writer;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.replicatedstore.datanode.replication.ReplicationFixture.OURS;
import static io.replicatedstore.datanode.replication.ReplicationFixture.READONLY;
import static io.replicatedstore.datanode.replication.ReplicationFixture.assertSameDataset;
import static io.replicatedstore.datanode.replication.ReplicationFixture.awaitInSync;
import static io.replicatedstore.datanode.replication.ReplicationFixture.awaitWithLogs;
import static io.replicatedstore.datanode.replication.ReplicationFixture.closeAll;
import static io.replicatedstore.datanode.replication.ReplicationFixture.ok;
import static io.replicatedstore.datanode.replication.ReplicationFixture.populate;
import static io.replicatedstore.datanode.replication.ReplicationFixture.replication;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changing who replicates from whom between our data nodes: promotion of a replica with its
 * siblings partially resyncing, chained replicas, and FAILOVER (plain, TO a replica, ABORT,
 * TIMEOUT). Each expectation is Redis 7.0's behaviour: {@code -Dreplication.ours=redis} runs the
 * same tests with redis-server in every role.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplicationTopologyIT {

    private Node master;
    private Node replica;
    private Node replica2;

    @AfterEach
    void stopAll() {
        closeAll(master, replica, replica2);
    }

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

        // The middle one promoted: the sub-replica follows its new replication id, partially.
        long full = replica.stat("sync_full");
        long partial = replica.stat("sync_partial_ok");
        master.kill();
        assertThat(replica.call("REPLICAOF", "NO", "ONE")).isEqualTo("OK");
        ok(replica.call("SET", "after-promotion", "1"));
        awaitInSync(replica, replica2);
        assertThat(replica2.info("replication", "master_replid")).isEqualTo(replica.info("replication", "master_replid"))
                .isNotEqualTo(top.get("master_replid"));
        assertThat(replica2.call("GET", "after-promotion")).isEqualTo("1");
        assertThat(replica.stat("sync_full")).as("sync_full on the promoted middle").isEqualTo(full);
        assertThat(replica.stat("sync_partial_ok")).as("sync_partial_ok on the promoted middle").isEqualTo(partial + 1);
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
        assertThat(replica.call("FAILOVER"))
                .isEqualTo(new RespClient.Error("ERR FAILOVER is not valid when server is a replica."));

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
