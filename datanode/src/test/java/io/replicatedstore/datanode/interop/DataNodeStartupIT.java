package io.replicatedstore.datanode.interop;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar refuses bad configuration at start: a clear message and a non-zero exit. */
class DataNodeStartupIT {

    private static ProcessResult run(String... args) throws Exception {
        String jar = new File(System.getProperty("datanode.jar", "target/datanode.jar")).getAbsolutePath();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the data node did not exit: " + command);
        }
        return new ProcessResult(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    record ProcessResult(int exitCode, String output) {
    }

    @Test
    void unknownOptionExitsNonZeroWithRedisStyleReport() throws Exception {
        ProcessResult result = run("--port", "0", "--bogus-option", "yes");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("FATAL CONFIG FILE ERROR").contains("Bad directive or wrong number of arguments");
    }

    @Test
    void malformedValueExitsNonZeroNamingTheProblem() throws Exception {
        ProcessResult result = run("--port", "not-a-port");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains(">>> 'port \"not-a-port\"'").contains("couldn't be parsed into an integer");
    }

    @Test
    void shutdownCommandStopsTheProcess() throws Exception {
        try (io.replicatedstore.datanode.testing.ServerProcess node = io.replicatedstore.datanode.testing.ServerProcess.dataNode();
             io.replicatedstore.datanode.testing.RespClient client = node.client()) {
            client.send("SHUTDOWN", "NOSAVE");
            assertThat(node.process().waitFor(30, TimeUnit.SECONDS)).as("exited after SHUTDOWN").isTrue();
            assertThat(node.process().exitValue()).isZero();
        }
    }

    @Test
    void missingConfigFileExitsNonZero() throws Exception {
        ProcessResult result = run("/nonexistent/redis.conf");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("can't open config file");
    }
}
