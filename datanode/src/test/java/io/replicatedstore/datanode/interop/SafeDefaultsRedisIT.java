package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * File names that are paths, refused at start and by CONFIG SET with Debian's redis-server's
 * texts; DEBUG and CONFIG SET dir allowed once their enable-* option says so.
 */
class SafeDefaultsRedisIT {

    @ParameterizedTest(name = "--{0} ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', emptyValue = "", textBlock = """
            dbfilename     | ../x
            dbfilename     | /tmp/x.rdb
            dbfilename     | a\\b
            appendfilename | a/b
            appendfilename | ""
            appenddirname  | a/b
            appenddirname  | ""
            """)
    void aFileNameThatIsAPathStopsTheStartAsInRedis(String option, String value) throws Exception {
        value = value.replace("\\\\", "\\");
        String theirs = lastLine(runToExit(List.of(ServerProcess.findOnPath("redis-server"), "--port", "0",
                "--" + option, value)));
        String jar = new File(System.getProperty("datanode.jar", "target/datanode.jar")).getAbsolutePath();
        String mine = runToExit(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
                "--port", "0", "--" + option, value));
        assertThat(theirs).contains(option + " can't be");
        assertThat(mine).contains("FATAL CONFIG FILE ERROR").contains(theirs);
    }

    @Test
    void configSetRefusesPathsWithRedisTextsWhenProtectedConfigsAreEnabled() {
        String[] options = {"--enable-protected-configs", "yes", "--enable-debug-command", "yes"};
        try (ServerProcess redis = ServerProcess.redis(options); ServerProcess node = ServerProcess.dataNode(options);
                RespClient theirs = redis.client(); RespClient mine = node.client()) {
            List<List<String>> commands = List.of(
                    List.of("CONFIG", "SET", "dbfilename", "../x.rdb"),
                    List.of("CONFIG", "SET", "dbfilename", "a\\b"),
                    List.of("CONFIG", "SET", "dbfilename", "other.rdb"),
                    List.of("CONFIG", "GET", "dbfilename"),
                    List.of("CONFIG", "SET", "appendfilename", "a/b"),
                    List.of("DEBUG", "SLEEP", "0"),
                    List.of("CONFIG", "GET", "enable-protected-configs"));
            for (List<String> command : commands) {
                Object expected = theirs.call(command.toArray());
                assertThat(mine.call(command.toArray())).as(String.join(" ", command)).isEqualTo(expected);
            }
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    private static String runToExit(List<String> command) throws Exception {
        Path dir = Files.createTempDirectory("rs-safe");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("did not exit: " + command);
        }
        assertThat(process.exitValue()).as("exit code of " + command).isNotZero();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
