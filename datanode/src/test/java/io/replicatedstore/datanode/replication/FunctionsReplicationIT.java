package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.replication.ReplicationFixture.Kind;
import io.replicatedstore.datanode.replication.ReplicationFixture.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.replicatedstore.datanode.replication.ReplicationFixture.OURS;
import static io.replicatedstore.datanode.replication.ReplicationFixture.awaitInSync;
import static io.replicatedstore.datanode.replication.ReplicationFixture.closeAll;
import static io.replicatedstore.datanode.replication.ReplicationFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Function libraries travel as Redis 7.0 sends them, between our node and Debian's
 * redis-server either way: in the full sync's RDB, then as FUNCTION LOAD / DELETE / FLUSH /
 * RESTORE on the stream; an FCALL travels as its effects. A read-only replica refuses FCALL of
 * a function that may write, and runs one flagged no-writes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FunctionsReplicationIT {

    private static final String LIB1 = "#!lua name=lib1\n"
            + "redis.register_function('setter', function(keys, args) return redis.call('set', keys[1], args[1]) end)\n"
            + "redis.register_function{function_name='getter', callback=function(keys) return redis.call('get', keys[1]) end, flags={'no-writes'}}";
    private static final String LIB2 = "#!lua name=lib2\nredis.register_function{function_name='two', callback=function() return 2 end, flags={'no-writes'}}";

    private Node master;
    private Node replica;

    @AfterEach
    void stopAll() {
        closeAll(master, replica);
    }

    @ParameterizedTest(name = "{0} master, {1} replica, repl-diskless-sync {2}")
    @CsvSource({"DATANODE, REDIS, no", "DATANODE, REDIS, yes", "REDIS, DATANODE, no", "REDIS, DATANODE, yes"})
    void librariesReachTheReplicaByFullSyncAndByTheStream(Kind masterKind, Kind replicaKind, String diskless) {
        master = (masterKind == Kind.DATANODE ? OURS : masterKind).start("--repl-diskless-sync", diskless);
        replica = replicaKind.start();
        assertThat(master.call("FUNCTION", "LOAD", LIB1)).isEqualTo("lib1");
        ok(master.call("FCALL", "setter", "1", "k", "before"));
        ok(replica.replicaOf(master));
        awaitInSync(master, replica);
        assertThat(replica.call("FCALL_RO", "getter", "1", "k")).isEqualTo("before");

        assertThat(master.call("FUNCTION", "LOAD", LIB2)).isEqualTo("lib2");
        ok(master.call("FCALL", "setter", "1", "k", "after"));
        awaitInSync(master, replica);
        assertThat(replica.call("FCALL", "two", "0")).isEqualTo(2L);
        assertThat(replica.call("GET", "k")).isEqualTo("after");
        // Redis refuses it before the script runs (its flags make FCALL a write); we refuse it
        // as the script starts, with scriptPrepareForRun's text.
        assertThat(replica.call("FCALL", "setter", "1", "k", "x").toString()).startsWith("-READONLY ");

        byte[] dump = master.client().callBytes("FUNCTION", "DUMP");
        ok(master.call("FUNCTION", "DELETE", "lib2"));
        awaitInSync(master, replica);
        assertThat(replica.call("FUNCTION", "LIST", "LIBRARYNAME", "lib2")).isEqualTo(List.of());
        ok(master.call("FUNCTION", "FLUSH"));
        awaitInSync(master, replica);
        assertThat(replica.call("FUNCTION", "LIST")).isEqualTo(List.of());
        ok(master.call("FUNCTION", "RESTORE", dump));
        awaitInSync(master, replica);
        assertThat(replica.call("FCALL", "two", "0")).isEqualTo(2L);
    }
}
