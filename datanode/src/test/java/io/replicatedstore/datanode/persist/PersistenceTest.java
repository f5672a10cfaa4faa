package io.replicatedstore.datanode.persist;

import io.replicatedstore.datanode.persist.rdb.EncodingLimits;
import io.replicatedstore.datanode.persist.rdb.RdbReader;
import io.replicatedstore.datanode.persist.rdb.RdbSink;
import io.replicatedstore.datanode.testing.ManualClock;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import io.replicatedstore.datanode.util.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.replicatedstore.datanode.persist.PersistenceFixture.awaitInfo;
import static io.replicatedstore.datanode.persist.PersistenceFixture.encode;
import static io.replicatedstore.datanode.persist.PersistenceFixture.info;
import static io.replicatedstore.datanode.persist.PersistenceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PersistenceTest {

    @TempDir
    Path dir;

    private TestNode start(String... extra) {
        return start(Clock.SYSTEM, extra);
    }

    private TestNode start(Clock clock, String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "--dir";
        args[1] = dir.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        return TestNode.start(clock, args);
    }

    @Test
    void saveThenRestartKeepsEveryTypeAndTtl() {
        Map<String, List<Object>> before;
        try (TestNode node = start(); RespClient c = node.client()) {
            PersistenceFixture.populate(c);
            before = PersistenceFixture.dump(c);
            ok(c.call("SET", "dirty", "1"));
            assertThat(info(c, "rdb_changes_since_last_save")).isNotEqualTo("0");
            ok(c.call("SAVE"));
            assertThat(info(c, "rdb_changes_since_last_save")).isEqualTo("0");
            assertThat(info(c, "rdb_saves")).isEqualTo("1");
            c.call("DEL", "dirty");
        }
        assertThat(dir.resolve("dump.rdb")).exists();
        try (TestNode node = start(); RespClient c = node.client()) {
            c.call("DEL", "dirty");
            assertThat(PersistenceFixture.dump(c)).isEqualTo(before);
            assertThat(info(c, "rdb_last_load_keys_loaded")).isEqualTo(Integer.toString(before.size() + 1));
            assertThat(info(c, "aof_enabled")).isEqualTo("0");
        }
    }

    @Test
    void expiredKeysAreNotLoaded() throws Exception {
        ManualClock clock = new ManualClock();
        try (TestNode node = start(clock); RespClient c = node.client()) {
            ok(c.call("SET", "short", "v", "PX", "200"));
            ok(c.call("SET", "kept", "v"));
            ok(c.call("SAVE"));
        }
        clock.advance(Duration.ofMillis(300));
        try (TestNode node = start(clock); RespClient c = node.client()) {
            assertThat(c.call("DBSIZE")).isEqualTo(1L);
            assertThat(info(c, "rdb_last_load_keys_loaded")).isEqualTo("1");
            assertThat(info(c, "rdb_last_load_keys_expired")).isEqualTo("1");
        }
    }

    @Test
    void bgsaveIsThePointInTimeOfTheCommand() throws Exception {
        int pre = 100_000;
        int n = 50_000;
        int j = 20_000;
        try (TestNode node = start(); RespClient c = node.client()) {
            ByteArrayOutputStream setup = new ByteArrayOutputStream();
            for (int i = 0; i < pre; i++) {
                encode(setup, "SET", "pre:" + i, "v" + i);
            }
            pipeline(c, setup.toByteArray(), pre);

            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int commands = 0;
            for (int i = 0; i < n; i++) {
                if (i == j) {
                    encode(buf, "BGSAVE");
                    commands++;
                }
                encode(buf, "SET", "seq:" + i, Integer.toString(i));
                commands++;
                if (i >= j) {
                    // Changes after the BGSAVE must not reach the file.
                    encode(buf, i % 2 == 0 ? "DEL" : "SET", "pre:" + (i - j), "changed");
                    commands++;
                }
            }
            List<Object> replies = pipeline(c, buf.toByteArray(), commands);
            assertThat(replies).contains("Background saving started");
            assertThat(replies).noneMatch(r -> r instanceof RespClient.Error);

            awaitInfo(c, "rdb_bgsave_in_progress", "0", 60_000);
            assertThat(info(c, "rdb_last_bgsave_status")).isEqualTo("ok");
            assertThat(Long.parseLong(info(c, "rdb_last_cow_size"))).isPositive();
            assertThat(info(c, "rdb_saves")).isEqualTo("1");
        }
        Map<String, String> file = readStrings(dir.resolve("dump.rdb"));
        assertThat(file).hasSize(pre + j);
        for (int i = 0; i < j; i++) {
            assertThat(file.get("seq:" + i)).isEqualTo(Integer.toString(i));
        }
        for (int i = 0; i < pre; i++) {
            assertThat(file.get("pre:" + i)).isEqualTo("v" + i);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("dump.rdb");
        }
    }

    @Test
    void saveRulesStartABackgroundSave() throws Exception {
        try (TestNode node = start("--save", "1 1"); RespClient c = node.client()) {
            ok(c.call("SET", "a", "1"));
            awaitInfo(c, "rdb_saves", "1", 10_000);
            awaitInfo(c, "rdb_bgsave_in_progress", "0", 10_000);
            assertThat(info(c, "rdb_last_bgsave_status")).isEqualTo("ok");
            assertThat(info(c, "rdb_changes_since_last_save")).isEqualTo("0");
        }
        assertThat(readStrings(dir.resolve("dump.rdb"))).containsEntry("a", "1");
    }

    @Test
    void lastsaveMovesOnSave() throws Exception {
        ManualClock clock = new ManualClock();
        try (TestNode node = start(clock); RespClient c = node.client()) {
            long first = (Long) c.call("LASTSAVE");
            assertThat(info(c, "rdb_last_save_time")).isEqualTo(Long.toString(first));
            clock.advance(Duration.ofMillis(1100));
            ok(c.call("SAVE"));
            assertThat((Long) c.call("LASTSAVE")).isGreaterThan(first);
        }
    }

    @Test
    void bgsaveInProgressAndSchedule() throws Exception {
        try (TestNode node = start(); RespClient c = node.client()) {
            ok(c.call("SET", "k", "v"));
            // In one transaction, so the first BGSAVE is surely still running for the others.
            assertThat(c.call("MULTI")).isEqualTo("OK");
            c.call("BGSAVE");
            c.call("BGSAVE");
            c.call("BGSAVE", "SCHEDULE");
            @SuppressWarnings("unchecked")
            List<Object> replies = (List<Object>) c.call("EXEC");
            assertThat(replies.get(0)).isEqualTo("Background saving started");
            assertThat(replies.get(1)).isEqualTo(new RespClient.Error("ERR Background save already in progress"));
            assertThat(replies.get(2)).isEqualTo("Background saving scheduled");
            awaitInfo(c, "rdb_saves", "2", 10_000);
            awaitInfo(c, "rdb_bgsave_in_progress", "0", 10_000);
            assertThat(c.call("BGSAVE", "SCHEDULE")).isEqualTo("Background saving started");
            awaitInfo(c, "rdb_bgsave_in_progress", "0", 10_000);
            assertThat(c.call("BGSAVE", "NOW")).isInstanceOf(RespClient.Error.class);
        }
    }

    @Test
    void failedBackgroundSaveReportsErrAndLeavesNoTempFile() throws Exception {
        Path missing = dir.resolve("missing");
        try (TestNode node = start("--enable-protected-configs", "local"); RespClient c = node.client()) {
            ok(c.call("SET", "k", "v"));
            ok(c.call("CONFIG", "SET", "dir", missing.toString()));
            assertThat(c.call("BGSAVE")).isEqualTo("Background saving started");
            awaitInfo(c, "rdb_bgsave_in_progress", "0", 10_000);
            assertThat(info(c, "rdb_last_bgsave_status")).isEqualTo("err");
            assertThat(c.call("SAVE")).isInstanceOf(RespClient.Error.class);
            ok(c.call("CONFIG", "SET", "dir", dir.toString()));
            ok(c.call("SAVE"));
            assertThat(info(c, "rdb_last_bgsave_status")).isEqualTo("ok");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("dump.rdb");
        }
    }

    @Test
    void corruptOrTruncatedFileRefusesToStart() throws Exception {
        try (TestNode node = start(); RespClient c = node.client()) {
            PersistenceFixture.populate(c);
            ok(c.call("SAVE"));
        }
        Path file = dir.resolve("dump.rdb");
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x40;
        Files.write(file, flipped);
        assertThatThrownBy(this::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dump.rdb").hasMessageContaining("offset");

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 20));
        assertThatThrownBy(this::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("offset");

        Files.write(file, good);
        try (TestNode node = start(); RespClient c = node.client()) {
            assertThat(c.call("DBSIZE")).isEqualTo(c.call("DBSIZE"));
            assertThat((Long) c.call("EXISTS", "str")).isEqualTo(1L);
        }
    }

    @Test
    void missingDirRefusesToStart() {
        assertThatThrownBy(() -> TestNode.start("--dir", dir.resolve("nope").toString()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Can't chdir to");
    }

    @Test
    void debugReloadKeepsData() {
        try (TestNode node = start("--enable-debug-command", "local"); RespClient c = node.client()) {
            PersistenceFixture.populate(c);
            Map<String, List<Object>> before = PersistenceFixture.dump(c);
            ok(c.call("DEBUG", "RELOAD"));
            assertThat(PersistenceFixture.dump(c)).isEqualTo(before);
        }
    }

    @Test
    void flushallWithSaveRulesSavesTheEmptyDataset() throws Exception {
        try (TestNode node = start("--save", "3600 1"); RespClient c = node.client()) {
            ok(c.call("SET", "k", "v"));
            ok(c.call("SAVE"));
            assertThat(readStrings(dir.resolve("dump.rdb"))).containsKey("k");
            ok(c.call("SET", "k2", "v"));
            ok(c.call("FLUSHALL"));
            assertThat(readStrings(dir.resolve("dump.rdb"))).isEmpty();
            assertThat(info(c, "rdb_changes_since_last_save")).isEqualTo("1");
        }
    }

    @Test
    void shutdownSavesAndAFailedSaveAbortsIt() throws Exception {
        TestNode node = start("--save", "3600 1", "--enable-protected-configs", "yes");
        try (RespClient c = node.client()) {
            ok(c.call("SET", "k", "v"));
            ok(c.call("CONFIG", "SET", "dir", dir.resolve("missing").toString()));
            assertThat(c.call("SHUTDOWN")).isEqualTo(new RespClient.Error("ERR Errors trying to SHUTDOWN. Check logs."));
            ok(c.call("CONFIG", "SET", "dir", dir.toString()));
            c.send("SHUTDOWN");
            c.timeout(10_000);
            assertThat(c.read()).isNull();
            node.node().awaitStop();
        } catch (RuntimeException e) {
            // the connection closes without a reply, as in Redis
            node.node().awaitStop();
        } finally {
            node.close();
        }
        assertThat(readStrings(dir.resolve("dump.rdb"))).containsEntry("k", "v");
    }

    /** Sends a pipeline from another thread (so neither side's buffers can block) and reads the replies. */
    private static List<Object> pipeline(RespClient c, byte[] bytes, int count) throws Exception {
        Thread sender = new Thread(() -> c.sendRaw(bytes), "pipeline-sender");
        sender.start();
        List<Object> replies = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            replies.add(c.read());
        }
        sender.join(30_000);
        return replies;
    }

    /** The string keys of a file (database 0). */
    static Map<String, String> readStrings(Path file) throws IOException {
        Map<String, String> keys = new HashMap<>();
        RdbReader.readFile(file, EncodingLimits.DEFAULTS, new RdbSink() {
            @Override
            public void entry(byte[] key, Object value, long expireAtMs) {
                keys.put(new String(key, StandardCharsets.UTF_8),
                        value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : value.toString());
            }
        });
        return keys;
    }
}
