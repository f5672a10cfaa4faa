package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.replication.ReplicationFixture.Kind;
import io.replicatedstore.datanode.replication.ReplicationFixture.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static io.replicatedstore.datanode.replication.ReplicationFixture.assertSameDataset;
import static io.replicatedstore.datanode.replication.ReplicationFixture.awaitInSync;
import static io.replicatedstore.datanode.replication.ReplicationFixture.awaitWithLogs;
import static io.replicatedstore.datanode.replication.ReplicationFixture.closeAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scripts are replicated by their effects, as Redis 7.0 does: our replica and Debian's
 * redis-server as a replica of our master end with the master's dataset, and neither is ever
 * sent EVAL or EVALSHA (Redis's replica never saw the scripts, so it would answer NOSCRIPT).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScriptReplicationIT {

    private static final String RATE_LIMITER =
            "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], 600) end return n";
    private static final String LOCK_RELEASE =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";
    /** Writes what only the master can know (its clock): effects, not the script, must travel. */
    private static final String CLOCK =
            "local t = redis.call('TIME') redis.call('SET', KEYS[1], t[1] .. '.' .. t[2]) return t[1]";

    private Node master;
    private Node ours;
    private Node redis;

    @AfterEach
    void stopAll() {
        closeAll(master, ours, redis);
    }

    @Test
    void ourReplicaAndRedisAsReplicaEndWithTheDatasetScriptsMadeOnOurMaster() {
        master = Kind.DATANODE.start();
        ours = Kind.DATANODE.start();
        redis = Kind.REDIS.start();
        assertThat(ours.replicaOf(master)).isEqualTo("OK");
        assertThat(redis.replicaOf(master)).isEqualTo("OK");
        for (Node replica : new Node[] {ours, redis}) {
            awaitWithLogs("link up", ReplicationFixture.SYNC_TIMEOUT,
                    () -> assertThat(replica.info("replication")).containsEntry("master_link_status", "up"), master, replica);
        }
        String limiter = (String) master.call("SCRIPT", "LOAD", RATE_LIMITER);
        for (int i = 0; i < 50; i++) {
            assertThat(master.call("EVALSHA", limiter, "1", "rl:" + (i % 7))).isInstanceOf(Long.class);
        }
        master.call("SET", "lock", "token-1");
        assertThat(master.call("EVAL", LOCK_RELEASE, "1", "lock", "other")).isEqualTo(0L);
        master.call("SET", "lock2", "token-2");
        assertThat(master.call("EVAL", LOCK_RELEASE, "1", "lock2", "token-2")).isEqualTo(1L);
        master.call("EVAL", CLOCK, "1", "clock");
        // Several writes in one script, another database selected inside it, then an error after a write.
        master.call("EVAL", "redis.call('SELECT', 3) redis.call('RPUSH', 'q', 'a', 'b') redis.call('SELECT', 0) "
                + "redis.call('HSET', 'h', 'f', 'v') redis.call('SADD', 's', ARGV[1]) return 1", "0", "member");
        master.call("EVAL", "redis.call('SET', 'partial', 'written') return redis.call('INCR', 'partial')", "0");
        master.call("EVAL_RO", "return redis.call('GET', 'lock')", "0");

        for (Node replica : new Node[] {ours, redis}) {
            awaitInSync(master, replica);
            assertSameDataset(master, replica);
        }
        assertThat(redis.call("GET", "clock")).isEqualTo(master.call("GET", "clock"));
        assertThat(redis.call("GET", "partial")).isEqualTo("written");
        String commandStats = (String) redis.call("INFO", "commandstats");
        assertThat(commandStats).doesNotContain("cmdstat_eval").doesNotContain("cmdstat_evalsha")
                .contains("cmdstat_multi").contains("cmdstat_exec").contains("cmdstat_incr");
        assertThat(redis.info("stats", "total_error_replies")).isEqualTo("0");
    }
}
