package io.replicatedstore.datanode.persist;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.replicatedstore.datanode.persist.PersistenceFixture.awaitInfo;
import static io.replicatedstore.datanode.persist.PersistenceFixture.info;
import static io.replicatedstore.datanode.persist.PersistenceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RDB files across processes: with Debian's redis-server 7.0.15, after kill -9 and SIGTERM, and a bad file. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PersistenceRedisIT {

    @TempDir
    Path dir;

    @Test
    void ourSaveLoadsInRedis() {
        Map<String, List<Object>> ours;
        try (ServerProcess node = ServerProcess.dataNode("--dir", dir.toString()); RespClient c = node.client()) {
            PersistenceFixture.populate(c);
            ours = PersistenceFixture.dump(c);
            ok(c.call("SAVE"));
        }
        try (ServerProcess redis = ServerProcess.redis("--dir", dir.toString(), "--dbfilename", "dump.rdb");
             RespClient c = redis.client()) {
            assertThat(PersistenceFixture.dump(c)).isEqualTo(ours);
        }
    }

    @Test
    void redisSaveLoadsInOurNode() {
        Map<String, List<Object>> theirs;
        try (ServerProcess redis = ServerProcess.redis("--dir", dir.toString(), "--dbfilename", "theirs.rdb");
             RespClient c = redis.client()) {
            PersistenceFixture.populate(c);
            theirs = PersistenceFixture.dump(c);
            ok(c.call("SAVE"));
        }
        try (ServerProcess node = ServerProcess.dataNode("--dir", dir.toString(), "--dbfilename", "theirs.rdb");
             RespClient c = node.client()) {
            assertThat(PersistenceFixture.dump(c)).isEqualTo(theirs);
        }
    }

    @Test
    void killMinusNineAfterBgsaveKeepsTheSavedData() throws Exception {
        Map<String, List<Object>> saved;
        try (ServerProcess node = ServerProcess.dataNode("--dir", dir.toString()); RespClient c = node.client()) {
            PersistenceFixture.populate(c);
            saved = PersistenceFixture.dump(c);
            assertThat(c.call("BGSAVE")).isEqualTo("Background saving started");
            awaitInfo(c, "rdb_bgsave_in_progress", "0", 30_000);
            assertThat(info(c, "rdb_last_bgsave_status")).isEqualTo("ok");
            ok(c.call("SET", "after-save", "lost"));
            node.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (ServerProcess node = ServerProcess.dataNode("--dir", dir.toString()); RespClient c = node.client()) {
            assertThat(PersistenceFixture.dump(c)).isEqualTo(saved);
        }
    }

    @Test
    void sigtermWithSaveRulesSaves() throws Exception {
        try (ServerProcess node = ServerProcess.dataNode("--dir", dir.toString(), "--save", "3600 1");
             RespClient c = node.client()) {
            ok(c.call("SET", "k", "v"));
            node.process().destroy();
            assertThat(node.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(PersistenceTest.readStrings(dir.resolve("dump.rdb"))).containsEntry("k", "v");
    }

    @Test
    void corruptFileMakesTheProcessExitNonZero() throws Exception {
        try (ServerProcess node = ServerProcess.dataNode("--dir", dir.toString()); RespClient c = node.client()) {
            PersistenceFixture.populate(c);
            ok(c.call("SAVE"));
        }
        Path file = dir.resolve("dump.rdb");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ServerProcess.dataNode("--dir", dir.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited at start")
                .hasMessageContaining("Bad RDB file")
                .hasMessageContaining("offset");
    }
}
