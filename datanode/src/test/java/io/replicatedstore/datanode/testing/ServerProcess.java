package io.replicatedstore.datanode.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    private ServerProcess(String name, List<String> command, int port, Path dir, boolean appendLog) throws IOException {
        this.name = name;
        this.port = port;
        this.log = dir.resolve(name + "-" + port + ".log");
        this.process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()))
                .start();
    }

    /**
     * The data node on a given port with a given working directory (where a previous one ran, to
     * restart it with its files and its log), an optional config file as first argument (null for none).
     */
    public static ServerProcess dataNodeAt(int port, Path dir, Path configFile, String... options) {
        return dataNodeAtWithHeap("512m", port, dir, configFile, options);
    }

    /** {@link #dataNodeAt} with a given maximum heap (-Xmx). */
    public static ServerProcess dataNodeAtWithHeap(String maxHeap, int port, Path dir, Path configFile, String... options) {
        String jar = System.getProperty("datanode.jar", "target/datanode.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("data node jar not found at " + jar + ": run the package phase first");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + maxHeap, "-jar", new File(jar).getAbsolutePath()));
        if (configFile != null) {
            command.add(configFile.toAbsolutePath().toString());
        }
        command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
        command.addAll(List.of(options));
        return startIn("datanode", command, port, dir);
    }

    /** redis-server on a given port and working directory, with an optional config file (null for none). */
    public static ServerProcess redisAt(int port, Path dir, Path configFile, String... options) {
        List<String> command = new ArrayList<>(List.of(findOnPath("redis-server")));
        if (configFile != null) {
            command.add(configFile.toAbsolutePath().toString());
        }
        command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
        command.addAll(List.of(options));
        return startIn("redis", command, port, dir);
    }

    /** A fresh temporary working directory, as the plain factories use. */
    public static Path newDirectory(String name) {
        try {
            return Files.createTempDirectory("rs-" + name);
        } catch (IOException e) {
            throw new IllegalStateException("could not create a directory: " + e.getMessage(), e);
        }
    }

    private static ServerProcess startIn(String name, List<String> command, int port, Path dir) {
        try {
            ServerProcess server = new ServerProcess(name, command, port, dir, true);
            server.awaitPing(Duration.ofSeconds(30));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** The data node from the packaged jar (system property datanode.jar, set by the build). */
    public static ServerProcess dataNode(String... options) {
        return dataNodeWithHeap("512m", options);
    }

    /** The data node with a given maximum heap (-Xmx), e.g. to run it out of memory. */
    public static ServerProcess dataNodeWithHeap(String maxHeap, String... options) {
        String jar = System.getProperty("datanode.jar", "target/datanode.jar");
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("data node jar not found at " + jar + ": run the package phase first");
        }
        int port = TestNode.freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + maxHeap, "-jar", new File(jar).getAbsolutePath(),
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

    /** The working directory (where its RDB files and log are). */
    public Path dir() {
        return log.getParent();
    }

    /** Freezes the process (SIGSTOP): it keeps its sockets open but reads and answers nothing. */
    public void pause() {
        signal("STOP");
    }

    /** Lets a paused process run again (SIGCONT). */
    public void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("kill -" + signal + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending SIG" + signal, e);
        }
    }

    /** One INFO section as field -> value (a fresh connection each time, so it works across reconnects). */
    public Map<String, String> info(String section) {
        try (RespClient client = client()) {
            Object reply = client.call("INFO", section);
            if (!(reply instanceof String text)) {
                throw new IllegalStateException(name + " answered INFO " + section + " with " + reply);
            }
            return parseInfo(text);
        }
    }

    /** Parses INFO text ("field:value" lines, "#" section headers) into an ordered map. */
    public static Map<String, String> parseInfo(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (line.isEmpty() || line.startsWith("#") || colon < 0) {
                continue;
            }
            fields.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return fields;
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
