package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams in RDB files against redis-server 7.0.15: the same commands give byte-identical stream
 * values (nodes, tombstones, metadata, groups); a file redis-server wrote, with consumer groups,
 * pending entries and consumers, loads here with the same XINFO STREAM FULL; the file this node
 * then writes loads in redis-server with the same XINFO STREAM FULL and passes redis-check-rdb.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StreamRdbDifferentialIT {

    private static final String[] KEYS = {"s", "mixed", "empty", "old"};

    @TempDir
    Path dir;

    @Test
    void theSameCommandsSaveTheSameStreamBytesAsRedis() throws IOException {
        Path ours = dir.resolve("ours");
        Path theirs = dir.resolve("theirs");
        Files.createDirectories(ours);
        Files.createDirectories(theirs);
        try (ServerProcess node = ServerProcess.dataNode("--dir", ours.toString(), "--rdbcompression", "no");
             ServerProcess redis = ServerProcess.redis("--dir", theirs.toString(), "--rdbcompression", "no");
             RespClient n = node.client(); RespClient r = redis.client()) {
            // One key per file: the order of keys in a file is the hash table's, not the stream's business.
            for (String key : KEYS) {
                byte[] mine = saveOnly(n, key, ours);
                byte[] reference = saveOnly(r, key, theirs);
                assertThat(mine).as(key).hasSize(reference.length);
                assertThat(mine).as(key).isEqualTo(reference);
            }
        }
    }

    private static byte[] saveOnly(RespClient c, String key, Path dir) throws IOException {
        c.call("FLUSHALL");
        buildWithoutConsumers(c);
        for (String other : KEYS) {
            if (!other.equals(key)) {
                c.call("DEL", other);
            }
        }
        assertThat(c.call("SAVE")).isEqualTo("OK");
        return keySection(Files.readAllBytes(dir.resolve("dump.rdb")));
    }

    @Test
    void redisStreamsWithGroupsLoadHereAndOursLoadInRedis() throws Exception {
        Map<String, Object> written;
        try (ServerProcess redis = ServerProcess.redis("--dir", dir.toString(), "--dbfilename", "theirs.rdb");
             RespClient c = redis.client()) {
            buildWithoutConsumers(c);
            consume(c);
            written = infoFull(c, true);
            assertThat(c.call("SAVE")).isEqualTo("OK");
        }
        Map<String, String> digests = new LinkedHashMap<>();
        try (ServerProcess node = ServerProcess.dataNode("--dir", dir.toString(), "--dbfilename", "theirs.rdb",
                "--enable-debug-command", "yes");
             RespClient c = node.client()) {
            assertThat(infoFull(c, false)).isEqualTo(withoutRadixNodes(written));
            for (String key : KEYS) {
                digests.put(key, (String) c.call("DEBUG", "DIGEST-VALUE", key).toString());
            }
            // Overwrites theirs.rdb with this node's own file.
            assertThat(c.call("SAVE")).isEqualTo("OK");
        }
        String check = ServerProcess.findOnPath("redis-check-rdb");
        Process p = new ProcessBuilder(check, dir.resolve("theirs.rdb").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("RDB looks OK");
        try (ServerProcess redis = ServerProcess.redis("--dir", dir.toString(), "--dbfilename", "theirs.rdb",
                "--enable-debug-command", "yes");
             RespClient c = redis.client()) {
            assertThat(infoFull(c, true)).isEqualTo(written);
            for (String key : KEYS) {
                assertThat(c.call("DEBUG", "DIGEST-VALUE", key).toString()).as(key).isEqualTo(digests.get(key));
            }
        }
    }

    /** Streams with several nodes, tombstones, exact trims, mixed field sets, big and numeric values, groups. */
    private static void buildWithoutConsumers(RespClient c) {
        c.call("CONFIG", "SET", "stream-node-max-entries", "5");
        for (int i = 1; i <= 40; i++) {
            if (i % 7 == 0) {
                c.call("XADD", "s", i + "-1", "f" + (i % 3), "v" + i, "extra", Integer.toString(-i * 1000));
            } else {
                c.call("XADD", "s", i + "-1", "f" + (i % 3), "v" + i);
            }
        }
        c.call("XDEL", "s", "3-1", "7-1", "20-1", "21-1", "22-1", "23-1", "24-1", "25-1");
        c.call("XTRIM", "s", "MAXLEN", "28");
        c.call("XADD", "mixed", "5-0", "n", "12345678901", "neg", "-7", "text", "x".repeat(70));
        c.call("XADD", "mixed", "5-1", "n", "1", "neg", "-70000", "text", "y".repeat(5000));
        c.call("XADD", "mixed", "99999999999-18446744073709551615", "other", "z");
        c.call("XGROUP", "CREATE", "s", "g1", "0");
        c.call("XGROUP", "CREATE", "s", "g2", "$");
        c.call("XGROUP", "SETID", "s", "g2", "10-1");
        c.call("XGROUP", "CREATE", "empty", "g", "$", "MKSTREAM");
        c.call("XADD", "old", "1-1", "a", "1");
        c.call("XSETID", "old", "50-0", "ENTRIESADDED", "9", "MAXDELETEDID", "40-0");
        c.call("CONFIG", "SET", "stream-node-max-entries", "100");
    }

    /** Consumers, pending entries (some acknowledged, claimed, deleted), NOACK reads. */
    private static void consume(RespClient c) {
        c.call("XREADGROUP", "GROUP", "g1", "alice", "COUNT", "6", "STREAMS", "s", ">");
        c.call("XREADGROUP", "GROUP", "g1", "bob", "COUNT", "4", "STREAMS", "s", ">");
        c.call("XREADGROUP", "GROUP", "g1", "carol", "NOACK", "COUNT", "2", "STREAMS", "s", ">");
        c.call("XACK", "s", "g1", "11-1", "12-1");
        c.call("XCLAIM", "s", "g1", "bob", "0", "13-1", "14-1");
        c.call("XGROUP", "CREATECONSUMER", "s", "g2", "idle");
        c.call("XREADGROUP", "GROUP", "g2", "dave", "COUNT", "3", "STREAMS", "s", ">");
        c.call("XDEL", "s", "27-1");
    }

    private static Map<String, Object> infoFull(RespClient c, boolean radixNodes) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String key : KEYS) {
            List<Object> reply = new ArrayList<>((List<?>) c.call("XINFO", "STREAM", key, "FULL", "COUNT", "0"));
            all.put(key, radixNodes ? reply : withoutRadixNodes(reply));
        }
        return all;
    }

    private static Map<String, Object> withoutRadixNodes(Map<String, Object> info) {
        Map<String, Object> out = new LinkedHashMap<>();
        info.forEach((k, v) -> out.put(k, withoutRadixNodes((List<?>) v)));
        return out;
    }

    /** radix-tree-nodes counts Redis's rax nodes, which this node estimates. */
    private static List<Object> withoutRadixNodes(List<?> reply) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < reply.size(); i += 2) {
            if (!"radix-tree-nodes".equals(reply.get(i))) {
                out.add(reply.get(i));
                out.add(reply.get(i + 1));
            }
        }
        return out;
    }

    /** From the first SELECTDB 0 + RESIZEDB to the EOF opcode: the keys, without the AUX fields. */
    private static byte[] keySection(byte[] rdb) {
        for (int i = 0; i + 2 < rdb.length; i++) {
            if ((rdb[i] & 0xff) == 0xFE && rdb[i + 1] == 0 && (rdb[i + 2] & 0xff) == 0xFB) {
                return Arrays.copyOfRange(rdb, i, rdb.length - 9);
            }
        }
        throw new AssertionError("no SELECTDB 0 in the RDB");
    }
}
