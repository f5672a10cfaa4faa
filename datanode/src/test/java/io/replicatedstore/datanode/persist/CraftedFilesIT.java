package io.replicatedstore.datanode.persist;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files crafted to make the node allocate what a count claims, or follow a path out of its
 * directory, given to a real process with a modest heap: a clear error naming the file (and
 * the line or offset), or a torn tail cut as aof-load-truncated says; never an exhausted heap.
 */
class CraftedFilesIT {

    private static final String HEAP = "128m";

    @TempDir
    Path dir;

    private Path aofDir() {
        return dir.resolve("appendonlydir");
    }

    /** A node's AOF directory holding "SET a 1", written by a real node. */
    private Path writeAof() {
        int port = TestNode.freePort();
        try (ServerProcess node = ServerProcess.dataNodeAtWithHeap(HEAP, port, dir, null, "--dir", dir.toString(),
                "--appendonly", "yes", "--appendfsync", "always"); RespClient c = node.client()) {
            assertThat(c.call("SET", "a", "1")).isEqualTo("OK");
        }
        return aofDir().resolve("appendonly.aof.1.incr.aof");
    }

    @Test
    void anAofEndingInAHugeArgumentCountIsATornTail() throws Exception {
        Path incr = writeAof();
        Files.write(incr, "*2147483647\r\n$3\r\nSET\r\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);

        Result refused = runToExit("--dir", dir.toString(), "--appendonly", "yes", "--aof-load-truncated", "no");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("appendonly.aof.1.incr.aof").contains("Unexpected end of file")
                .doesNotContain("OutOfMemoryError");

        int port = TestNode.freePort();
        try (ServerProcess node = ServerProcess.dataNodeAtWithHeap(HEAP, port, dir, null, "--dir", dir.toString(),
                "--appendonly", "yes", "--aof-load-truncated", "yes"); RespClient c = node.client()) {
            assertThat(c.call("GET", "a")).isEqualTo("1");
            assertThat(c.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void anAofManifestNamingAPathIsRefusedWithItsLine() throws Exception {
        writeAof();
        Path outside = dir.resolve("outside.aof");
        String outsideContent = "*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n";
        Files.writeString(outside, outsideContent);
        for (String name : List.of("../outside.aof", outside.toString(), "..")) {
            Files.writeString(aofDir().resolve("appendonly.aof.manifest"),
                    "file appendonly.aof.1.base.rdb seq 1 type b\nfile " + name + " seq 1 type i\n");
            Result refused = runToExit("--dir", dir.toString(), "--appendonly", "yes");
            assertThat(refused.exitCode()).as(name).isNotZero();
            assertThat(refused.output()).as(name).contains("appendonly.aof.manifest").contains("(line 2)")
                    .contains("'" + name + "' is a path");
        }
        assertThat(Files.readString(outside)).isEqualTo(outsideContent); // neither appended to nor deleted
    }

    @Test
    void anRdbClaimingAHugeSetIsRefusedWithTheOffset() throws Exception {
        ByteArrayOutputStream rdb = new ByteArrayOutputStream();
        rdb.writeBytes("REDIS0009".getBytes(StandardCharsets.US_ASCII));
        rdb.write(0xFE); // SELECTDB 0
        rdb.write(0x00);
        rdb.write(2); // a set
        rdb.write(1); // key "k"
        rdb.write('k');
        rdb.write(0x81); // a 64-bit length: 2^40 members
        rdb.writeBytes(new byte[] {0, 0, 1, 0, 0, 0, 0, 0});
        rdb.write(1);
        rdb.write('m');
        rdb.write(0xFF);
        rdb.writeBytes(new byte[8]); // no checksum
        Files.write(dir.resolve("dump.rdb"), rdb.toByteArray());

        Result refused = runToExit("--dir", dir.toString());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("dump.rdb").contains("set size of 1099511627776").contains("offset 14")
                .doesNotContain("OutOfMemoryError");
    }

    private record Result(int exitCode, String output) {
    }

    private Result runToExit(String... args) throws Exception {
        String jar = new File(System.getProperty("datanode.jar", "target/datanode.jar")).getAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + HEAP, "-jar", jar,
                "--port", Integer.toString(TestNode.freePort()), "--bind", "127.0.0.1", "--save", ""));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the data node did not exit: " + command);
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
