package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.replicatedstore.datanode.replication.ReplicationFixture.awaitInSync;
import static io.replicatedstore.datanode.replication.ReplicationFixture.closeAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A redis-server replica of the data node ends with the same bytes for bitmaps, bitfields and
 * HyperLogLogs: what existed before the full sync (the RDB) and what the commands stream after.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HyperLogLogAndBitsReplicationIT {

    private static final List<String> KEYS = List.of("bits", "field", "or", "hll", "big", "merged");

    @Test
    void aRedisReplicaHoldsTheSameBitmapAndHyperLogLogBytes() {
        ReplicationFixture.Node master = ReplicationFixture.Kind.DATANODE.start();
        ReplicationFixture.Node replica = ReplicationFixture.Kind.REDIS.start();
        try {
            RespClient c = master.client();
            c.call("SETBIT", "bits", "100", "1");
            c.call("PFADD", "hll", "a", "b", "c");
            assertThat(replica.call("REPLICAOF", "127.0.0.1", master.port())).isEqualTo("OK");
            awaitInSync(master, replica);
            assertSameBytes(master, replica);

            c.call("SETBIT", "bits", "7", "1");
            c.call("BITFIELD", "field", "SET", "u8", "#3", "200", "INCRBY", "i5", "100", "9");
            c.call("BITOP", "OR", "or", "bits", "field");
            for (int i = 0; i < 3000; i++) {
                c.call("PFADD", "big", "element" + i);
            }
            c.call("PFADD", "hll", "d");
            c.call("PFCOUNT", "hll");
            c.call("PFMERGE", "merged", "hll", "big");
            c.call("PFCOUNT", "merged");
            awaitInSync(master, replica);
            assertSameBytes(master, replica);
            assertThat(replica.call("PFCOUNT", "merged")).isEqualTo(c.call("PFCOUNT", "merged"));
        } finally {
            closeAll(replica, master);
        }
    }

    private static void assertSameBytes(ReplicationFixture.Node master, ReplicationFixture.Node replica) {
        for (String key : KEYS) {
            assertThat(replica.client().callBytes("GET", key)).as(key).isEqualTo(master.client().callBytes("GET", key));
        }
    }
}
