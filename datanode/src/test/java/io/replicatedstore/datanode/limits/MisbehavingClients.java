package io.replicatedstore.datanode.limits;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/** Helpers for the client-limit tests: raw clients that never read, a PING loop, the server's RSS. */
final class MisbehavingClients {

    private static final Logger LOG = Logger.getLogger(MisbehavingClients.class.getName());

    private MisbehavingClients() {
    }

    /** A connection that sends and never reads, with a small receive buffer so the server's output backs up. */
    static Socket nonReader(int port) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            socket.setSoTimeout(10_000);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    static String command(String... args) {
        StringBuilder out = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            out.append('$').append(arg.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n").append(arg).append("\r\n");
        }
        return out.toString();
    }

    /** The process's resident set size in MiB, from /proc. */
    static long rssMb(ServerProcess server) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + server.process().pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for " + server.process().pid());
    }

    /** Polls until the condition holds or the timeout passes; returns whether it held. */
    static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** The CLIENT LIST line of the client with this name, or null. */
    static String clientLine(RespClient admin, String name) {
        for (String line : String.valueOf(admin.call("CLIENT", "LIST")).split("\n")) {
            if (line.contains(" name=" + name + " ")) {
                return line.trim();
            }
        }
        return null;
    }

    static long field(String clientLine, String name) {
        for (String part : clientLine.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new IllegalArgumentException(name + " not in " + clientLine);
    }

    /**
     * A well-behaved client sending PING in a loop on its own thread. Every PING must be answered
     * within the client's read timeout (10 s): a PING that is not is recorded as a failure.
     */
    static final class Pinger implements AutoCloseable {
        private final RespClient client;
        private final Thread thread;
        private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean stop;
        private volatile Throwable failure;

        Pinger(int port, String password) {
            client = RespClient.connect(port);
            if (password != null) {
                client.call("AUTH", password);
            }
            thread = new Thread(this::run, "pinger");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try {
                while (!stop) {
                    long start = System.nanoTime();
                    Object reply = client.call("PING");
                    if (!"PONG".equals(reply)) {
                        throw new IllegalStateException("PING answered " + reply);
                    }
                    micros.add((System.nanoTime() - start) / 1000);
                    Thread.sleep(2);
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        int answered() {
            return micros.size();
        }

        /** Waits until {@code more} further PINGs are answered (or one fails); returns whether they were. */
        boolean awaitMore(int more) {
            int target = answered() + more;
            return await(Duration.ofSeconds(60), () -> failure != null || answered() >= target) && failure == null;
        }

        Throwable failure() {
            return failure;
        }

        /** Logs p50/p99/max of what was measured (a figure for the reader, never an assertion). */
        void logLatencies(String label) {
            List<Long> sorted;
            synchronized (micros) {
                sorted = new ArrayList<>(micros);
            }
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return;
            }
            LOG.info(label + ": " + sorted.size() + " PINGs, p50 " + sorted.get(sorted.size() / 2) + " us, p99 "
                    + sorted.get(sorted.size() * 99 / 100) + " us, max " + sorted.get(sorted.size() - 1) + " us");
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(15_000);
            client.close();
        }
    }
}
