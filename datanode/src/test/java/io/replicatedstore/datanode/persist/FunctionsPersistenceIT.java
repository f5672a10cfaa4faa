package io.replicatedstore.datanode.persist;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static io.replicatedstore.datanode.persist.PersistenceFixture.awaitInfo;
import static io.replicatedstore.datanode.persist.PersistenceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Function libraries in RDB files and the AOF, across processes and with Debian's redis-server
 * 7.0.15: the RDB's function section holds the same bytes as Redis's, each loads the other's
 * file, DEBUG RELOAD keeps them, and the AOF (its RDB base after a rewrite, or FUNCTION
 * commands replayed) brings them back after a restart.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FunctionsPersistenceIT {

    static final String LIB1 = "#!lua name=lib1\nredis.register_function('f1', function(keys, args) return 'one' end)";
    static final String LIB2 = "#!lua name=lib2\n-- " + "text that compresses well ".repeat(8)
            + "\nredis.register_function{function_name='f2', callback=function() return 'two' end, flags={'no-writes'}}";

    @TempDir
    Path dir;

    @Test
    void ourRdbHoldsRedisBytesForTheLibrariesAndLoadsInRedis() throws Exception {
        byte[] record;
        try (ServerProcess node = ServerProcess.dataNode("--dir", dir.toString()); RespClient c = node.client()) {
            loadBoth(c);
            ok(c.call("SET", "k", "v"));
            ok(c.call("FUNCTION", "DELETE", "lib1"));
            // With one library, the dump's records are the RDB's function section.
            byte[] dump = c.callBytes("FUNCTION", "DUMP");
            record = Arrays.copyOf(dump, dump.length - 10);
            c.call("FUNCTION", "LOAD", LIB1);
            ok(c.call("SAVE"));
        }
        byte[] file = Files.readAllBytes(dir.resolve("dump.rdb"));
        assertThat(indexOf(file, record)).as("the lib2 record in our RDB").isPositive();
        try (ServerProcess redis = ServerProcess.redis("--dir", dir.toString(), "--dbfilename", "dump.rdb");
             RespClient c = redis.client()) {
            assertThat(c.call("FCALL", "f1", "0")).isEqualTo("one");
            assertThat(c.call("FCALL_RO", "f2", "0")).isEqualTo("two");
            assertThat(c.call("GET", "k")).isEqualTo("v");
            ok(c.call("FUNCTION", "DELETE", "lib1"));
            byte[] theirs = c.callBytes("FUNCTION", "DUMP");
            assertThat(Arrays.copyOf(theirs, theirs.length - 10)).as("redis's record of lib2").isEqualTo(record);
        }
    }

    @Test
    void redisRdbWithLibrariesLoadsInOurNode() {
        try (ServerProcess redis = ServerProcess.redis("--dir", dir.toString(), "--dbfilename", "theirs.rdb");
             RespClient c = redis.client()) {
            loadBoth(c);
            ok(c.call("SAVE"));
        }
        try (ServerProcess node = ServerProcess.dataNode("--dir", dir.toString(), "--dbfilename", "theirs.rdb");
             RespClient c = node.client()) {
            assertThat(c.call("FCALL", "f1", "0")).isEqualTo("one");
            assertThat(c.call("FCALL_RO", "f2", "0")).isEqualTo("two");
            assertThat(c.call("FUNCTION", "STATS").toString()).contains("libraries_count, 2, functions_count, 2");
        }
    }

    @Test
    void debugReloadKeepsTheLibraries() {
        try (ServerProcess node = ServerProcess.dataNode("--dir", dir.toString(), "--enable-debug-command", "yes");
             RespClient c = node.client()) {
            loadBoth(c);
            ok(c.call("DEBUG", "RELOAD"));
            assertThat(c.call("FCALL", "f1", "0")).isEqualTo("one");
            assertThat(c.call("FCALL", "f2", "0")).isEqualTo("two");
            ok(c.call("FUNCTION", "FLUSH"));
            ok(c.call("DEBUG", "RELOAD"));
            assertThat(c.call("FUNCTION", "LIST")).isEqualTo(java.util.List.of());
        }
    }

    @Test
    void theAofBringsLibrariesBackFromItsCommandsAndFromARewrittenBase() throws Exception {
        try (ServerProcess node = ServerProcess.dataNode("--dir", dir.toString(), "--appendonly", "yes");
             RespClient c = node.client()) {
            loadBoth(c);
            ok(c.call("FUNCTION", "DELETE", "lib2"));
            c.call("FUNCTION", "LOAD", "#!lua name=lib3\nredis.register_function('f3', function() return 'three' end)");
            node.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (ServerProcess node = ServerProcess.dataNode("--dir", dir.toString(), "--appendonly", "yes");
             RespClient c = node.client()) {
            assertThat(c.call("FCALL", "f1", "0")).isEqualTo("one");
            assertThat(c.call("FCALL", "f3", "0")).isEqualTo("three");
            assertThat(c.call("FCALL", "f2", "0")).isEqualTo(new RespClient.Error("ERR Function not found"));
            assertThat(c.call("BGREWRITEAOF")).isEqualTo("Background append only file rewriting started");
            awaitInfo(c, "aof_rewrite_in_progress", "0", 30_000);
            node.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (ServerProcess node = ServerProcess.dataNode("--dir", dir.toString(), "--appendonly", "yes");
             RespClient c = node.client()) {
            assertThat(c.call("FCALL", "f1", "0")).isEqualTo("one");
            assertThat(c.call("FCALL", "f3", "0")).isEqualTo("three");
        }
        // Redis reads our rewritten AOF (an RDB base holding the libraries).
        try (ServerProcess redis = ServerProcess.redis("--dir", dir.toString(), "--appendonly", "yes");
             RespClient c = redis.client()) {
            assertThat(c.call("FCALL", "f3", "0")).isEqualTo("three");
        }
    }

    private static void loadBoth(RespClient c) {
        assertThat(c.call("FUNCTION", "LOAD", LIB1)).isEqualTo("lib1");
        assertThat(c.call("FUNCTION", "LOAD", LIB2)).isEqualTo("lib2");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
