package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.replication.ReplicationFixture.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static io.replicatedstore.datanode.replication.ReplicationFixture.OURS;
import static io.replicatedstore.datanode.replication.ReplicationFixture.assertSameDataset;
import static io.replicatedstore.datanode.replication.ReplicationFixture.awaitInSync;
import static io.replicatedstore.datanode.replication.ReplicationFixture.bulkLoad;
import static io.replicatedstore.datanode.replication.ReplicationFixture.closeAll;
import static io.replicatedstore.datanode.replication.ReplicationFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eviction and replication, black box: the master's evictions reach its replica as deletions,
 * and a replica with replica-ignore-maxmemory (the default) never evicts by itself even when
 * its own maxmemory is lower, as in Redis 7.0 ({@code -Dreplication.ours=redis} runs the same).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplicationEvictionIT {

    private Node master;
    private Node replica;

    @AfterEach
    void stopAll() {
        closeAll(master, replica);
    }

    @Test
    void theReplicaAppliesTheMastersEvictionsAndNeverEvictsItself() {
        master = OURS.start("--maxmemory", "4mb", "--maxmemory-policy", "allkeys-lru");
        replica = OURS.start("--maxmemory", "1mb", "--maxmemory-policy", "allkeys-lru");
        ok(replica.replicaOf(master));
        awaitInSync(master, replica);

        bulkLoad(master.client(), 30_000, 500); // about 15 MB of values into a 4 MB master
        awaitInSync(master, replica);

        assertThat(master.stat("evicted_keys")).as("master evicted_keys").isPositive();
        assertThat((Long) master.call("DBSIZE")).isLessThan(30_000L);
        assertThat(replica.stat("evicted_keys")).as("replica evicted_keys").isZero();
        assertSameDataset(master, replica);
        long replicaUsed = Long.parseLong(replica.info("memory", "used_memory"));
        assertThat(replicaUsed).as("the replica holds more than its own maxmemory").isGreaterThan(1024 * 1024);
    }

    @Test
    void evictionsWithLazyfreeReachTheReplicaAsWell() {
        master = OURS.start("--maxmemory", "4mb", "--maxmemory-policy", "allkeys-random", "--lazyfree-lazy-eviction", "yes");
        replica = OURS.start();
        ok(replica.replicaOf(master));
        awaitInSync(master, replica);
        bulkLoad(master.client(), 30_000, 500);
        awaitInSync(master, replica);
        assertThat(master.stat("evicted_keys")).isPositive();
        assertSameDataset(master, replica);
    }
}
