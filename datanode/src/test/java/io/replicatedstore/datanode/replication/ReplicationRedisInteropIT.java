package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.replication.ReplicationFixture.Kind;
import io.replicatedstore.datanode.replication.ReplicationFixture.Node;
import io.replicatedstore.datanode.replication.ReplicationFixture.Writer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.replicatedstore.datanode.replication.ReplicationFixture.OURS;
import static io.replicatedstore.datanode.replication.ReplicationFixture.assertSameDataset;
import static io.replicatedstore.datanode.replication.ReplicationFixture.awaitInSync;
import static io.replicatedstore.datanode.replication.ReplicationFixture.awaitWithLogs;
import static io.replicatedstore.datanode.replication.ReplicationFixture.closeAll;
import static io.replicatedstore.datanode.replication.ReplicationFixture.ok;
import static io.replicatedstore.datanode.replication.ReplicationFixture.populate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our data node and Debian's redis-server 7.0 in one replication setup: redis as our replica,
 * our node as redis's replica (each with a full sync, then a partial one after the link is
 * killed under write load), and a chain redis -> ours -> redis.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplicationRedisInteropIT {

    private Node master;
    private Node replica;
    private Node replica2;

    @AfterEach
    void stopAll() {
        closeAll(master, replica, replica2);
    }

    @ParameterizedTest(name = "repl-diskless-sync {0}")
    @ValueSource(strings = {"no", "yes"})
    void redisReplicatesFromOursFullyThenPartially(String diskless) {
        master = OURS.start("--repl-diskless-sync", diskless, "--repl-diskless-sync-delay", "0");
        replica = Kind.REDIS.start();
        fullThenPartial();
    }

    @ParameterizedTest(name = "repl-diskless-sync {0}")
    @ValueSource(strings = {"no", "yes"})
    void oursReplicatesFromRedisFullyThenPartially(String diskless) {
        master = Kind.REDIS.start("--repl-diskless-sync", diskless, "--repl-diskless-sync-delay", "0");
        replica = OURS.start();
        fullThenPartial();
    }

    private void fullThenPartial() {
        populate(master.client(), "i", 100);
        try (Writer writer = new Writer(master)) {
            writer.awaitProgress(20);
            assertThat(replica.replicaOf(master)).isEqualTo("OK");
            awaitWithLogs("link up", ReplicationFixture.SYNC_TIMEOUT,
                    () -> assertThat(replica.info("replication")).containsEntry("master_link_status", "up"), master, replica);
            writer.awaitProgress(20);
            assertThat(master.stat("sync_full")).as("sync_full").isEqualTo(1);

            assertThat(master.call("CLIENT", "KILL", "TYPE", "replica")).isEqualTo(1L);
            writer.awaitProgress(20);
            awaitWithLogs("a partial resync after the link was killed", ReplicationFixture.SYNC_TIMEOUT,
                    () -> assertThat(master.stat("sync_partial_ok")).isEqualTo(1), master, replica);
            writer.awaitProgress(20);
            writer.stop();
            assertThat(writer.error.get()).isNull();
            awaitInSync(master, replica);
            assertThat(replica.call("GET", "counter")).isEqualTo(Long.toString(writer.lastCounter.get()));
        }
        assertThat(master.stat("sync_full")).as("sync_full").isEqualTo(1);
        assertThat(replica.info("replication", "master_replid")).isEqualTo(master.info("replication", "master_replid"));
        assertSameDataset(master, replica);
    }

    @Test
    void chainFromRedisThroughOursToRedis() {
        master = Kind.REDIS.start();
        replica = OURS.start();
        replica2 = Kind.REDIS.start();
        populate(master.client(), "chain", 50);
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        assertThat(replica2.replicaOf(replica)).isEqualTo("OK");
        try (Writer writer = new Writer(master)) {
            writer.awaitProgress(50);
        }
        ok(master.call("SET", "last", "1"));
        awaitInSync(master, replica);
        awaitInSync(replica, replica2);
        Map<String, String> top = master.info("replication");
        Map<String, String> bottom = replica2.info("replication");
        assertThat(bottom.get("master_replid")).as("replid at the bottom of the chain").isEqualTo(top.get("master_replid"));
        assertThat(bottom.get("slave_repl_offset")).as("offset at the bottom of the chain")
                .isEqualTo(top.get("master_repl_offset"));
        assertThat(replica2.call("GET", "last")).isEqualTo("1");
        assertSameDataset(master, replica2);
    }
}
