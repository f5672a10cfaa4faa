package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.RedisAndDataNode;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's redis-cli against the data node and against redis-server 7.0: the same invocations
 * must print the same output and exit with the same code.
 */
class RedisCliIT {

    @RegisterExtension
    static final RedisAndDataNode servers = new RedisAndDataNode();

    @BeforeEach
    void flush() throws Exception {
        cli(servers.redis(), null, "flushall");
        cli(servers.dataNode(), null, "flushall");
    }

    record Result(int exitCode, String output) {
    }

    private static Result cli(ServerProcess server, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.findOnPath("redis-cli"), "-p", Integer.toString(server.port())));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("redis-cli did not finish: " + command);
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void sameAsRedis(String stdin, String... args) throws Exception {
        Result expected = cli(servers.redis(), stdin, args);
        Result actual = cli(servers.dataNode(), stdin, args);
        assertThat(actual).as("redis-cli %s", String.join(" ", args)).isEqualTo(expected);
    }

    @Test
    void simpleCommandsPrintTheSameRepliesAndExitCodes() throws Exception {
        sameAsRedis(null, "set", "k", "v");
        sameAsRedis(null, "get", "k");
        sameAsRedis(null, "get", "missing");
        sameAsRedis(null, "incr", "k");
        sameAsRedis(null, "rpush", "l", "a", "b", "c");
        sameAsRedis(null, "lrange", "l", "0", "-1");
        sameAsRedis(null, "nosuchcommand", "x");
        sameAsRedis(null, "ping");
    }

    @Test
    void rawAndCsvOutputModesMatch() throws Exception {
        cli(servers.redis(), null, "rpush", "l", "1", "two", "3");
        cli(servers.dataNode(), null, "rpush", "l", "1", "two", "3");
        sameAsRedis(null, "--raw", "lrange", "l", "0", "-1");
        sameAsRedis(null, "--csv", "lrange", "l", "0", "-1");
        sameAsRedis(null, "-r", "3", "incr", "counter");
    }

    @Test
    void commandsFromStandardInputAndPipeModeWork() throws Exception {
        sameAsRedis("set a 1\nincr a\nget a\n");
        cli(servers.dataNode(), null, "flushall");
        StringBuilder protocol = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            String key = "key:" + i;
            protocol.append("*3\r\n$3\r\nSET\r\n$").append(key.length()).append("\r\n").append(key)
                    .append("\r\n$5\r\nvalue\r\n");
        }
        Result piped = cli(servers.dataNode(), protocol.toString(), "--pipe");
        assertThat(piped.exitCode()).as(piped.output()).isZero();
        assertThat(piped.output()).contains("errors: 0, replies: 1000");
        assertThat(cli(servers.dataNode(), null, "dbsize").output().trim()).isEqualTo("1000");
    }

    @Test
    void scanModeListsEveryKey() throws Exception {
        for (int i = 0; i < 50; i++) {
            cli(servers.dataNode(), null, "set", "scan:" + i, "x");
        }
        Result scanned = cli(servers.dataNode(), null, "--scan", "--pattern", "scan:*");
        assertThat(scanned.exitCode()).isZero();
        assertThat(scanned.output().lines().distinct().count()).isEqualTo(50);
    }

    @Test
    void infoPrintsRedisSections() throws Exception {
        Result info = cli(servers.dataNode(), null, "info", "server");
        assertThat(info.exitCode()).isZero();
        assertThat(info.output()).contains("# Server").contains("redis_version:")
                .contains("tcp_port:" + servers.dataNode().port());
    }
}
