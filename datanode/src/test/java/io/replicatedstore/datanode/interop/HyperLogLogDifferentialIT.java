package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.RedisAndDataNode;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same PFADDs, PFMERGEs and PFCOUNTs on Debian's redis-server and the data node leave the
 * same bytes (sparse opcodes, promotion to dense, cached cardinality) and give the same counts;
 * HLLs written by redis-server, in its RDB file or as strings, work here.
 */
class HyperLogLogDifferentialIT {

    @RegisterExtension
    static final RedisAndDataNode servers = new RedisAndDataNode();

    @Test
    void randomAdditionsLeaveTheBytesAndCountsRedisHas() {
        Random random = new Random(16);
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (RespClient client : List.of(theirs, mine)) {
                client.call("FLUSHALL");
            }
            String[] keys = {"h1", "h2", "h3", "h4"};
            int[] universes = {50, 3_000, 100_000, 1 << 30};
            for (int round = 0; round < 1500; round++) {
                String key = keys[random.nextInt(keys.length)];
                int universe = universes[random.nextInt(universes.length)];
                List<Object> command = new ArrayList<>(List.of("PFADD", key));
                int elements = random.nextInt(10) == 0 ? 200 : random.nextInt(6);
                for (int i = 0; i < elements; i++) {
                    command.add(random.nextInt(8) == 0 ? new byte[] {(byte) random.nextInt(256), 0, (byte) 0xff}
                            : ("e" + random.nextInt(universe)).getBytes(StandardCharsets.UTF_8));
                }
                Object expected = theirs.call(command.toArray());
                assertThat(mine.call(command.toArray())).as("round %d PFADD", round).isEqualTo(expected);
                if (round % 7 == 0) {
                    assertThat(mine.call("PFCOUNT", key)).as("round %d PFCOUNT %s", round, key).isEqualTo(theirs.call("PFCOUNT", key));
                }
                if (round % 25 == 0) {
                    Object[] many = {"PFCOUNT", keys[random.nextInt(4)], keys[random.nextInt(4)], "absent"};
                    assertThat(mine.call(many)).as("round %d PFCOUNT of several", round).isEqualTo(theirs.call(many));
                }
                if (round % 40 == 0) {
                    Object[] merge = {"PFMERGE", "m" + random.nextInt(2), keys[random.nextInt(4)], keys[random.nextInt(4)]};
                    assertThat(mine.call(merge)).isEqualTo(theirs.call(merge));
                    assertThat(mine.callBytes("GET", merge[1])).as("round %d merged bytes", round).isEqualTo(theirs.callBytes("GET", merge[1]));
                }
                if (round % 10 == 0) {
                    for (String k : keys) {
                        assertThat(mine.callBytes("GET", k)).as("round %d GET %s", round, k).isEqualTo(theirs.callBytes("GET", k));
                    }
                }
            }
            for (String k : keys) {
                assertThat(mine.call("PFDEBUG", "ENCODING", k)).isEqualTo(theirs.call("PFDEBUG", "ENCODING", k));
            }
        }
    }

    @Test
    void aSmallerSparseLimitPromotesWhereRedisDoes() {
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (RespClient client : List.of(theirs, mine)) {
                client.call("FLUSHALL");
                client.call("CONFIG", "SET", "hll-sparse-max-bytes", "60");
            }
            try {
                for (int i = 0; i < 40; i++) {
                    Object[] add = {"PFADD", "small", "x" + i};
                    assertThat(mine.call(add)).isEqualTo(theirs.call(add));
                    assertThat(mine.call("PFDEBUG", "ENCODING", "small")).as("after %d", i)
                            .isEqualTo(theirs.call("PFDEBUG", "ENCODING", "small"));
                    assertThat(mine.callBytes("GET", "small")).as("after %d", i).isEqualTo(theirs.callBytes("GET", "small"));
                }
            } finally {
                for (RespClient client : List.of(theirs, mine)) {
                    client.call("CONFIG", "SET", "hll-sparse-max-bytes", "3000");
                }
            }
        }
    }

    @Test
    void hyperLogLogsWrittenByRedisAreReadAndExtendedHere(@TempDir Path dir) {
        try (ServerProcess redis = ServerProcess.redis("--dir", dir.toString(), "--dbfilename", "dump.rdb");
             RespClient theirs = redis.client()) {
            List<Object> sparse = new ArrayList<>(List.of("PFADD", "sparse"));
            List<Object> dense = new ArrayList<>(List.of("PFADD", "dense"));
            for (int i = 0; i < 5000; i++) {
                if (i < 100) {
                    sparse.add("s" + i);
                }
                dense.add("d" + i);
            }
            theirs.call(sparse.toArray());
            theirs.call(dense.toArray());
            theirs.call("PFCOUNT", "dense"); // a valid cached cardinality in the file
            assertThat(theirs.call("PFDEBUG", "ENCODING", "dense")).isEqualTo("dense");
            assertThat(theirs.call("SAVE")).isEqualTo("OK");
            try (ServerProcess node = ServerProcess.dataNode("--dir", dir.toString()); RespClient mine = node.client()) {
                for (String key : List.of("sparse", "dense")) {
                    assertThat(mine.callBytes("GET", key)).as(key).isEqualTo(theirs.callBytes("GET", key));
                    mine.call("SET", key + ":copy", theirs.callBytes("GET", key));
                    theirs.call("SET", key + ":copy", theirs.callBytes("GET", key));
                    for (String k : List.of(key, key + ":copy")) {
                        assertThat(mine.call("PFCOUNT", k)).as(k).isEqualTo(theirs.call("PFCOUNT", k));
                        assertThat(mine.call("PFADD", k, "new1", "new2")).as(k).isEqualTo(theirs.call("PFADD", k, "new1", "new2"));
                        assertThat(mine.call("PFCOUNT", k)).as(k).isEqualTo(theirs.call("PFCOUNT", k));
                        assertThat(mine.callBytes("GET", k)).as(k).isEqualTo(theirs.callBytes("GET", k));
                    }
                }
            }
        }
    }

    @Test
    void corruptHyperLogLogsGetRedisErrors() {
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (RespClient client : List.of(theirs, mine)) {
                client.call("FLUSHALL");
                client.call("PFADD", "hll", "a", "b", "c");
                client.call("APPEND", "hll", "hello");
                client.call("SET", "plain", "not an hll");
                client.call("PFADD", "bad", "a");
                client.call("SETRANGE", "bad", "16", new byte[] {(byte) 0x70, 0});
            }
            List<Object[]> commands = List.of(
                    new Object[] {"PFCOUNT", "hll"}, new Object[] {"PFADD", "plain", "x"},
                    new Object[] {"PFCOUNT", "plain"}, new Object[] {"PFMERGE", "plain", "hll"},
                    new Object[] {"PFCOUNT", "bad"}, new Object[] {"PFCOUNT", "bad", "hll"},
                    new Object[] {"PFADD", "bad", "x", "y", "z"}, new Object[] {"PFDEBUG", "DECODE", "bad"},
                    new Object[] {"PFDEBUG", "TODENSE", "bad"}, new Object[] {"PFDEBUG", "NOPE", "hll"},
                    new Object[] {"PFDEBUG", "GETREG", "absent"});
            for (Object[] command : commands) {
                assertThat(mine.call(command)).as(String.join(" ", List.of(command).stream().map(String::valueOf).toList()))
                        .isEqualTo(theirs.call(command));
            }
        }
    }
}
