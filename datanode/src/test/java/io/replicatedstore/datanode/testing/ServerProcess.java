package io.replicatedstore.datanode.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server in its own process on a free loopback port: the packaged data node jar, or Debian's
 * redis-server as the reference. Output goes to a log file kept for failure messages. Closing
 * it kills the process (and waits for it), so no test leaves one behind.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final String name;

    private ServerProcess(String name, List<String> command, int port, Path dir) throws IOException {
        this.name = name;
        this.port = port;
        this.log = dir.resolve(name + "-" + port + ".log");
        this.process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** The data node from the packaged jar (system property datanode.jar, set by the build). */
    public static ServerProcess dataNode(String... options) {
        String jar = System.getProperty("datanode.jar", "target/datanode.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("data node jar not found at " + jar + ": run the package phase first");
        }
        int port = TestNode.freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", new File(jar).getAbsolutePath(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
        command.addAll(List.of(options));
        return start("datanode", command, port);
    }

    /** Debian's redis-server, the reference implementation. */
    public static ServerProcess redis(String... options) {
        String binary = findOnPath("redis-server");
        int port = TestNode.freePort();
        List<String> command = new ArrayList<>(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"));
        command.addAll(List.of(options));
        return start("redis", command, port);
    }

    private static ServerProcess start(String name, List<String> command, int port) {
        try {
            Path dir = Files.createTempDirectory("rs-" + name);
            ServerProcess server = new ServerProcess(name, command, port, dir);
            server.awaitPing(Duration.ofSeconds(30));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Finds a program on PATH, or fails with how to install it. */
    public static String findOnPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, program);
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        throw new IllegalStateException(program + " not found on PATH: install Debian's redis-server and "
                + "redis-tools (hack/install-test-deps.sh does)");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitPing(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start: " + logTail());
            }
            try (RespClient client = RespClient.connect(port)) {
                Object reply = client.call("PING");
                // A server with requirepass answers NOAUTH: it is up all the same.
                if ("PONG".equals(reply) || (reply instanceof RespClient.Error e && e.message().startsWith("NOAUTH"))) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException(name + " did not answer PING within " + timeout + ": " + logTail());
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    public RespClient client() {
        return RespClient.connect(port);
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
