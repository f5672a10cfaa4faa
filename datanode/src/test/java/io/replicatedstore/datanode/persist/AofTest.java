package io.replicatedstore.datanode.persist;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.replicatedstore.datanode.persist.PersistenceFixture.awaitInfo;
import static io.replicatedstore.datanode.persist.PersistenceFixture.info;
import static io.replicatedstore.datanode.persist.PersistenceFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AofTest {

    @TempDir
    Path dir;

    private TestNode start(String... extra) {
        String[] args = new String[extra.length + 6];
        args[0] = "--dir";
        args[1] = dir.toString();
        args[2] = "--appendonly";
        args[3] = "yes";
        args[4] = "--appendfsync";
        args[5] = "always";
        System.arraycopy(extra, 0, args, 6, extra.length);
        return TestNode.start(args);
    }

    private Path aofDir() {
        return dir.resolve("appendonlydir");
    }

    private String manifest() throws IOException {
        return Files.readString(aofDir().resolve("appendonly.aof.manifest"));
    }

    private static void writeMore(RespClient c) {
        ok(c.call("SELECT", "0"));
        ok(c.call("MULTI"));
        c.call("INCR", "counter");
        c.call("RPUSH", "list", "tx");
        c.call("SET", "ttl2", "v", "EX", "1000");
        @SuppressWarnings("unchecked")
        List<Object> exec = (List<Object>) c.call("EXEC");
        assertThat(exec).hasSize(3);
        c.call("DEL", "str");
        c.call("ZINCRBY", "zset", "10", "a");
        ok(c.call("SELECT", "3"));
        c.call("HSET", "db3hash", "a", "1");
        ok(c.call("SELECT", "0"));
    }

    @Test
    void writesSurviveARestart() throws Exception {
        Map<String, List<Object>> before;
        try (TestNode node = start(); RespClient c = node.client()) {
            assertThat(info(c, "aof_enabled")).isEqualTo("1");
            PersistenceFixture.populate(c);
            writeMore(c);
            before = PersistenceFixture.dump(c);
        }
        assertThat(manifest()).isEqualTo("file appendonly.aof.1.base.rdb seq 1 type b\n"
                + "file appendonly.aof.1.incr.aof seq 1 type i\n");
        assertThat(aofDir().resolve("appendonly.aof.1.base.rdb")).exists();
        assertThat(Files.readString(aofDir().resolve("appendonly.aof.1.incr.aof"), StandardCharsets.ISO_8859_1))
                .startsWith("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n").contains("MULTI").contains("EXEC");
        try (TestNode node = start(); RespClient c = node.client()) {
            assertThat(PersistenceFixture.dump(c)).isEqualTo(before);
            assertThat(c.call("GET", "counter")).isEqualTo("1");
        }
    }

    @Test
    void rewriteThenRestart() throws Exception {
        Map<String, List<Object>> before;
        try (TestNode node = start(); RespClient c = node.client()) {
            PersistenceFixture.populate(c);
            assertThat(c.call("BGREWRITEAOF")).isEqualTo("Background append only file rewriting started");
            writeMore(c); // during the rewrite: goes to the new incr file
            awaitInfo(c, "aof_rewrite_in_progress", "0", 30_000);
            assertThat(info(c, "aof_rewrites")).isEqualTo("1");
            assertThat(info(c, "aof_last_bgrewrite_status")).isEqualTo("ok");
            ok(c.call("SET", "after", "rewrite"));
            before = PersistenceFixture.dump(c);
            assertThat(Long.parseLong(info(c, "aof_base_size"))).isPositive();
            assertThat(Long.parseLong(info(c, "aof_current_size"))).isGreaterThan(Long.parseLong(info(c, "aof_base_size")));
        }
        assertThat(manifest()).isEqualTo("file appendonly.aof.2.base.rdb seq 2 type b\n"
                + "file appendonly.aof.2.incr.aof seq 2 type i\n");
        try (var files = Files.list(aofDir())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "appendonly.aof.2.base.rdb", "appendonly.aof.2.incr.aof", "appendonly.aof.manifest");
        }
        try (TestNode node = start(); RespClient c = node.client()) {
            assertThat(PersistenceFixture.dump(c)).isEqualTo(before);
        }
    }

    @Test
    void rewriteAlreadyInProgress() throws Exception {
        try (TestNode node = start(); RespClient c = node.client()) {
            for (int i = 0; i < 20_000; i++) {
                c.send("SET", "key:" + i, "value-" + i);
            }
            for (int i = 0; i < 20_000; i++) {
                c.read();
            }
            assertThat(c.call("BGREWRITEAOF")).isEqualTo("Background append only file rewriting started");
            Object second = c.call("BGREWRITEAOF");
            if (second instanceof RespClient.Error e) {
                assertThat(e.message()).isEqualTo("ERR Background append only file rewriting already in progress");
            }
            awaitInfo(c, "aof_rewrite_in_progress", "0", 30_000);
        }
        try (TestNode node = start(); RespClient c = node.client()) {
            assertThat(c.call("DBSIZE")).isEqualTo(20_000L);
        }
    }

    @Test
    void tornTailIsTruncatedWhenAllowed() throws Exception {
        try (TestNode node = start(); RespClient c = node.client()) {
            ok(c.call("SET", "a", "1"));
            ok(c.call("SET", "b", "2"));
        }
        Path incr = aofDir().resolve("appendonly.aof.1.incr.aof");
        long good = Files.size(incr);
        Files.write(incr, "*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$1".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        assertThatThrownBy(() -> start("--aof-load-truncated", "no"))
                .hasMessageContaining("Unexpected end of file").hasMessageContaining("appendonly.aof.1.incr.aof");
        try (TestNode node = start("--aof-load-truncated", "yes"); RespClient c = node.client()) {
            assertThat(c.call("MGET", "a", "b", "c")).isEqualTo(java.util.Arrays.asList("1", "2", null));
            ok(c.call("SET", "d", "4"));
        }
        assertThat(Files.size(incr)).isGreaterThan(good);
        try (TestNode node = start(); RespClient c = node.client()) {
            assertThat(c.call("MGET", "a", "b", "c", "d")).isEqualTo(java.util.Arrays.asList("1", "2", null, "4"));
        }
    }

    @Test
    void unfinishedTransactionIsReverted() throws Exception {
        try (TestNode node = start(); RespClient c = node.client()) {
            ok(c.call("SET", "a", "1"));
        }
        Path incr = aofDir().resolve("appendonly.aof.1.incr.aof");
        Files.write(incr, ("*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n")
                .getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        try (TestNode node = start(); RespClient c = node.client()) {
            assertThat(c.call("MGET", "a", "b")).isEqualTo(java.util.Arrays.asList("1", null));
        }
    }

    @Test
    void corruptionInTheMiddleIsRefusedWithTheOffset() throws Exception {
        try (TestNode node = start(); RespClient c = node.client()) {
            ok(c.call("SET", "a", "1"));
            ok(c.call("SET", "b", "2"));
        }
        Path incr = aofDir().resolve("appendonly.aof.1.incr.aof");
        byte[] content = Files.readAllBytes(incr);
        String text = new String(content, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("*3", text.indexOf("SET") + 1); // the second SET
        content[at] = '?';
        Files.write(incr, content);
        assertThatThrownBy(() -> start()).hasMessageContaining("Bad file format")
                .hasMessageContaining("appendonly.aof.1.incr.aof").hasMessageContaining("offset " + at);
    }

    @Test
    void configSetAppendonlyCreatesTheAof() throws Exception {
        Map<String, List<Object>> before;
        try (TestNode node = TestNode.start("--dir", dir.toString()); RespClient c = node.client()) {
            PersistenceFixture.populate(c);
            assertThat(info(c, "aof_enabled")).isEqualTo("0");
            ok(c.call("CONFIG", "SET", "appendonly", "yes"));
            assertThat(info(c, "aof_enabled")).isEqualTo("1");
            ok(c.call("SET", "during", "enable"));
            awaitInfo(c, "aof_rewrite_in_progress", "0", 30_000);
            ok(c.call("SET", "after", "enable"));
            before = PersistenceFixture.dump(c);
        }
        assertThat(manifest()).isEqualTo("file appendonly.aof.1.base.rdb seq 1 type b\n"
                + "file appendonly.aof.1.incr.aof seq 1 type i\n");
        try (TestNode node = start(); RespClient c = node.client()) {
            assertThat(PersistenceFixture.dump(c)).isEqualTo(before);
        }
    }

    @Test
    void aofWinsOverDumpRdbAndDumpRdbSeedsANewAof() throws Exception {
        try (TestNode node = TestNode.start("--dir", dir.toString()); RespClient c = node.client()) {
            ok(c.call("SET", "from", "rdb"));
            ok(c.call("SAVE"));
        }
        try (TestNode node = start(); RespClient c = node.client()) {
            assertThat(c.call("GET", "from")).isEqualTo("rdb"); // no AOF yet: dump.rdb is loaded, and becomes the base
            ok(c.call("SET", "from", "aof"));
        }
        try (TestNode node = start(); RespClient c = node.client()) {
            assertThat(c.call("GET", "from")).isEqualTo("aof");
        }
    }

    @Test
    void autoRewriteOnGrowth() throws Exception {
        try (TestNode node = start("--auto-aof-rewrite-min-size", "10000", "--auto-aof-rewrite-percentage", "100");
             RespClient c = node.client()) {
            for (int i = 0; i < 2000; i++) {
                c.send("SET", "k" + (i % 10), "value-" + i);
            }
            for (int i = 0; i < 2000; i++) {
                c.read();
            }
            awaitInfo(c, "aof_rewrites", "1", 10_000);
            awaitInfo(c, "aof_rewrite_in_progress", "0", 10_000);
            assertThat(Long.parseLong(info(c, "aof_current_size"))).isLessThan(10_000);
        }
        try (TestNode node = start(); RespClient c = node.client()) {
            assertThat(c.call("GET", "k9")).isEqualTo("value-1999");
        }
    }
}
