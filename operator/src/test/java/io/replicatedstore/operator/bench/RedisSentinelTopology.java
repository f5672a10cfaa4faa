package io.replicatedstore.operator.bench;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The yardstick: Debian's redis-server 7.0 as master and two replicas, watched by three
 * redis-sentinel processes (quorum 2), all on loopback in a temp dir.
 */
final class RedisSentinelTopology implements AutoCloseable {

    static final String NAME = "bench";
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    final Process master;
    final HostAndPort masterAddress;
    final List<HostAndPort> sentinels = new ArrayList<>();

    RedisSentinelTopology(long downAfterMs) throws IOException, InterruptedException {
        dir = Files.createTempDirectory("redis-sentinel-bench");
        int masterPort = freePort();
        masterAddress = new HostAndPort("127.0.0.1", masterPort);
        master = server(masterPort);
        for (int i = 0; i < 2; i++) {
            server(freePort(), "--replicaof", "127.0.0.1", Integer.toString(masterPort));
        }
        for (int i = 0; i < 3; i++) {
            int port = freePort();
            Path conf = dir.resolve("sentinel-" + port + ".conf");
            Files.writeString(conf, String.join("\n",
                    "port " + port, "bind 127.0.0.1", "dir " + dir,
                    "sentinel monitor " + NAME + " 127.0.0.1 " + masterPort + " 2",
                    "sentinel down-after-milliseconds " + NAME + " " + downAfterMs,
                    "sentinel failover-timeout " + NAME + " 10000",
                    "sentinel parallel-syncs " + NAME + " 1", ""));
            start(List.of("redis-server", conf.toString(), "--sentinel"), "sentinel-" + port);
            sentinels.add(new HostAndPort("127.0.0.1", port));
        }
        awaitDiscovery();
    }

    /**
     * Both replicas are in sync (Redis 7.0 waits repl-diskless-sync-delay, 5 s, before their
     * first sync), and every sentinel knows them and the two other sentinels (hello messages,
     * every 2 s).
     */
    private void awaitDiscovery() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (replicasOnline() && sentinels.stream().allMatch(RedisSentinelTopology::discovered)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the replicas were not in sync, or the Redis Sentinels did not discover each other"
                + " and the replicas, within 30 s");
    }

    private boolean replicasOnline() {
        try (Jedis jedis = new Jedis(masterAddress.getHost(), masterAddress.getPort(), 500)) {
            String info = jedis.info("replication");
            return info.contains("slave0:") && info.contains("slave1:") && !info.replace("state=online", "")
                    .contains("state=");
        } catch (JedisException e) {
            return false;
        }
    }

    private static boolean discovered(HostAndPort sentinel) {
        try (Jedis jedis = new Jedis(sentinel.getHost(), sentinel.getPort(), 500)) {
            Map<String, String> master = jedis.sentinelMaster(NAME);
            return "2".equals(master.get("num-other-sentinels")) && "2".equals(master.get("num-slaves"))
                    && "master".equals(master.get("flags"));
        } catch (JedisException e) {
            return false;
        }
    }

    private Process server(int port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        command.addAll(List.of(args));
        Process process = start(command, "redis-" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = new Jedis("127.0.0.1", port, 200)) {
                jedis.ping();
                return process;
            } catch (JedisException e) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer within 10 s");
    }

    private Process start(List<String> command, String log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
