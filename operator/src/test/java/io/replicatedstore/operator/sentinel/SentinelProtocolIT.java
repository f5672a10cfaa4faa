package io.replicatedstore.operator.sentinel;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.sentinel.protocol.SentinelServer;
import io.replicatedstore.operator.testing.KubeApiServerResource;
import io.replicatedstore.operator.testing.OperatorTestBase;
import jakarta.inject.Inject;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sentinel-aware clients (redis-cli, Jedis, Lettuce) find and follow the master through the operator. */
@QuarkusTest
@QuarkusTestResource(KubeApiServerResource.class) // one API server for every operator test class
class SentinelProtocolIT extends OperatorTestBase {

    @Inject
    SentinelServer sentinel;

    @Test
    void redisCliSeesTheStoreAsAMonitoredMaster() throws Exception {
        client.resource(store("cli", 3)).create();
        awaitStatus("cli", s -> "Running".equals(s.getStatus().phase));
        String name = namespace + "/cli";
        int masterPort = kubelet.node("cli-0").port();

        assertThat(cli("SENTINEL", "get-master-addr-by-name", name)).isEqualTo("127.0.0.1\n" + masterPort);
        assertThat(cli("SENTINEL", "get-master-addr-by-name", "cli")).as("the plain name, unique")
                .isEqualTo("127.0.0.1\n" + masterPort);
        assertThat(cli("SENTINEL", "get-master-addr-by-name", "nope")).isEmpty();
        assertThat(cli("SENTINEL", "master", name)).contains("name\n" + name, "flags\nmaster", "num-slaves\n2",
                "num-other-sentinels\n0", "quorum\n2", "config-epoch\n1");
        assertThat(cli("SENTINEL", "replicas", name)).contains("flags\nslave", "master-link-status\nok",
                "master-port\n" + masterPort);
        assertThat(cli("SENTINEL", "masters")).contains("name\n" + name);
        assertThat(cli("SENTINEL", "sentinels", name)).isEmpty();
        assertThat(cli("SENTINEL", "ckquorum", name)).startsWith("OK 1 usable Sentinels");
        assertThat(cli("ROLE")).startsWith("sentinel\n");
        assertThat(cli("INFO", "sentinel")).contains("sentinel_masters:", "name=" + name + ",status=ok,address=127.0.0.1:"
                + masterPort + ",slaves=2,sentinels=1");
        assertThat(cli("PING")).isEqualTo("PONG");
        assertThat(cli("SENTINEL", "master", "nope")).contains("No such master with that name");
    }

    @Test
    void jedisSentinelPoolFollowsASwitchoverAnnouncedByPlusSwitchMaster() throws Exception {
        client.resource(store("jedis", 3)).create();
        awaitStatus("jedis", s -> "Running".equals(s.getStatus().phase));
        String name = namespace + "/jedis";
        String password = kubelet.node("jedis-0").password();
        List<String> published = new CopyOnWriteArrayList<>();
        Thread listener = listen(published);

        try (JedisSentinelPool pool = new JedisSentinelPool(name, Set.of("127.0.0.1:" + sentinel.port()),
                new GenericObjectPoolConfig<>(), 2000, password)) {
            assertThat(pool.getCurrentHostMaster()).isEqualTo(new HostAndPort("127.0.0.1", kubelet.node("jedis-0").port()));
            try (Jedis jedis = pool.getResource()) {
                assertThat(jedis.set("before", "1")).isEqualTo("OK");
            }

            assertThat(cli("SENTINEL", "failover", name)).isEqualTo("OK");
            ReplicatedStore after = awaitStatus("jedis", s -> s.getStatus().epoch == 2 && "Running".equals(s.getStatus().phase));
            int newPort = kubelet.node(after.getStatus().master).port();
            await().atMost(TIMEOUT).until(() -> pool.getCurrentHostMaster().getPort() == newPort);
            await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                try (Jedis jedis = pool.getResource()) {
                    assertThat(jedis.set("after", "2")).isEqualTo("OK");
                    assertThat(jedis.get("before")).isEqualTo("1");
                }
            });
        }
        String oldPort = Integer.toString(kubelet.node("jedis-0").port());
        await().atMost(TIMEOUT).until(() -> published.stream().anyMatch(m -> m.startsWith("+switch-master " + name
                + " 127.0.0.1 " + oldPort + " 127.0.0.1 ")));
        listener.interrupt();
    }

    @Test
    void lettuceConnectsThroughASentinelUri() {
        client.resource(store("lettuce", 2)).create();
        awaitStatus("lettuce", s -> "Running".equals(s.getStatus().phase));
        RedisURI uri = RedisURI.Builder.sentinel("127.0.0.1", sentinel.port(), namespace + "/lettuce")
                .withPassword(kubelet.node("lettuce-0").password().toCharArray()).build();
        RedisClient lettuce = RedisClient.create();
        try (var connection = lettuce.connect(uri)) {
            assertThat(connection.sync().set("via", "sentinel")).isEqualTo("OK");
            assertThat(connection.sync().info("replication")).contains("role:master");
        } finally {
            lettuce.shutdown();
        }
    }

    /** Subscribes to every event on the Sentinel endpoint (PSUBSCRIBE *), collecting "channel message". */
    private Thread listen(List<String> published) throws InterruptedException {
        Thread thread = new Thread(() -> {
            try (Jedis jedis = new Jedis("127.0.0.1", sentinel.port())) {
                jedis.psubscribe(new redis.clients.jedis.JedisPubSub() {
                    @Override
                    public void onPMessage(String pattern, String channel, String message) {
                        published.add(channel + " " + message);
                    }
                }, "*");
            } catch (RuntimeException e) {
                // the connection closes when the test ends
            }
        }, "sentinel-listener");
        thread.setDaemon(true);
        thread.start();
        Thread.sleep(200);
        return thread;
    }

    /** redis-cli (Debian's) against the operator's Sentinel port; returns its output, trimmed. */
    private String cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(sentinel.port())));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    /** redis-py from hack/python-clients.sh (REDIS_PY names its python). */
    @Test
    void redisPyWritesAcrossAFailoverLosingNoAcknowledgedWrite() throws Exception {
        client.resource(store("py", 3)).create();
        awaitStatus("py", s -> "Running".equals(s.getStatus().phase));
        String name = namespace + "/py";
        Path script = Path.of("src/test/resources/sentinel_writer.py");
        Process writer = new ProcessBuilder(System.getenv().getOrDefault("REDIS_PY",
                System.getProperty("user.home") + "/.cache/replicated-store/pyvenv/bin/python"), script.toString(),
                Integer.toString(sentinel.port()), name, kubelet.node("py-0").password(), "12")
                .redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8)).lines().forEach(lines::add));
        reader.start();
        try {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lines.stream().filter(l -> l.startsWith("acked ")))
                    .as("redis-py output %s", lines).hasSizeGreaterThan(20));
            assertThat(lines.get(0)).isEqualTo("master 127.0.0.1 " + kubelet.node("py-0").port());
            assertThat(cli("SENTINEL", "failover", name)).isEqualTo("OK");
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).as("the writer finished").isTrue();
            reader.join(5000);
        } finally {
            writer.destroyForcibly();
        }
        assertThat(lines).as("redis-py output").anyMatch(l -> l.startsWith("done "));
        ReplicatedStore after = awaitStatus("py", s -> s.getStatus().epoch == 2);
        int newPort = kubelet.node(after.getStatus().master).port();
        assertThat(lines).as("redis-py discovered the new master").contains("master 127.0.0.1 " + newPort);
        List<String> acknowledged = lines.stream().filter(l -> l.startsWith("acked ")).map(l -> l.substring(6)).toList();
        assertThat(acknowledged.size()).isGreaterThan(20);
        try (var master = connect(after.getStatus().master)) {
            for (String key : acknowledged) {
                assertThat(master.sync().get(key)).as("acknowledged %s", key).isEqualTo(key);
            }
        }
    }

    /**
     * Jedis' pool, Lettuce's master/replica connection and redis-py, each through the Sentinel
     * endpoint, write continuously while the master is killed with kill -9: each follows the new
     * master by itself and every write it had acknowledged is there.
     */
    @Test
    void jedisLettuceAndRedisPyWriteAcrossAKillNineFailover() throws Exception {
        ReplicatedStore spec = store("all", 3);
        spec.getSpec().sentinel.downAfterMilliseconds = 1000;
        client.resource(spec).create();
        awaitStatus("all", s -> "Running".equals(s.getStatus().phase) && "3/3".equals(s.getStatus().ready));
        String name = namespace + "/all";
        String password = kubelet.node("all-0").password();

        AckedWrites jedis = new AckedWrites("jedis");
        AckedWrites lettuce = new AckedWrites("lettuce");
        RedisClient lettuceClient = RedisClient.create();
        Process py = new ProcessBuilder(System.getenv().getOrDefault("REDIS_PY",
                System.getProperty("user.home") + "/.cache/replicated-store/pyvenv/bin/python"),
                "src/test/resources/sentinel_writer.py", Integer.toString(sentinel.port()), name, password, "15")
                .redirectErrorStream(true).start();
        List<String> pyLines = new CopyOnWriteArrayList<>();
        Thread pyReader = new Thread(() -> new BufferedReader(new InputStreamReader(py.getInputStream(),
                StandardCharsets.UTF_8)).lines().forEach(pyLines::add));
        pyReader.start();
        try (JedisSentinelPool pool = new JedisSentinelPool(name, Set.of("127.0.0.1:" + sentinel.port()),
                new GenericObjectPoolConfig<>(), 1000, password);
             StatefulRedisMasterReplicaConnection<String, String> replicated = MasterReplica.connect(lettuceClient,
                     StringCodec.UTF8, RedisURI.Builder.sentinel("127.0.0.1", sentinel.port(), name)
                             .withPassword(password.toCharArray()).withTimeout(Duration.ofSeconds(1)).build())) {
            jedis.start(key -> {
                try (Jedis connection = pool.getResource()) {
                    return "OK".equals(connection.set(key, key));
                }
            });
            lettuce.start(key -> "OK".equals(replicated.sync().set(key, key)));
            await().atMost(TIMEOUT).until(() -> jedis.count() > 20 && lettuce.count() > 20
                    && pyLines.stream().filter(l -> l.startsWith("acked ")).count() > 20);

            kubelet.killAndHold("all-0");
            int jedisBefore = jedis.count();
            int lettuceBefore = lettuce.count();
            ReplicatedStore after = awaitStatus("all", s -> s.getStatus().epoch == 2 && !"all-0".equals(s.getStatus().master));
            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(jedis.count()).as("Jedis writes after the failover").isGreaterThan(jedisBefore + 20);
                assertThat(lettuce.count()).as("Lettuce writes after the failover").isGreaterThan(lettuceBefore + 20);
            });
            jedis.stop();
            lettuce.stop();
            assertThat(py.waitFor(60, TimeUnit.SECONDS)).as("the redis-py writer finished").isTrue();
            pyReader.join(5000);

            int newPort = kubelet.node(after.getStatus().master).port();
            assertThat(pyLines).as("redis-py discovered the new master").contains("master 127.0.0.1 " + newPort);
            List<String> acknowledged = new ArrayList<>(jedis.keys());
            acknowledged.addAll(lettuce.keys());
            pyLines.stream().filter(l -> l.startsWith("acked ")).map(l -> l.substring(6)).forEach(acknowledged::add);
            try (var master = connect(after.getStatus().master)) {
                for (String key : acknowledged) {
                    assertThat(master.sync().get(key)).as("acknowledged %s", key).isEqualTo(key);
                }
            }
        } finally {
            jedis.stop();
            lettuce.stop();
            py.destroyForcibly();
            lettuceClient.shutdown();
        }
    }

    /** A client writing key=key continuously in a thread of its own; failed writes are retried as new keys. */
    private static final class AckedWrites {
        private final String prefix;
        private final List<String> acked = new CopyOnWriteArrayList<>();
        private volatile boolean running = true;
        private Thread thread;

        AckedWrites(String prefix) {
            this.prefix = prefix;
        }

        void start(java.util.function.Predicate<String> write) {
            thread = new Thread(() -> {
                for (int i = 0; running; i++) {
                    String key = prefix + ":" + i;
                    try {
                        if (write.test(key)) {
                            acked.add(key);
                        }
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        try {
                            Thread.sleep(20); // not acknowledged: the roles are changing
                        } catch (InterruptedException interrupted) {
                            return;
                        }
                    }
                }
            }, prefix + "-writer");
            thread.setDaemon(true);
            thread.start();
        }

        int count() {
            return acked.size();
        }

        List<String> keys() {
            return acked;
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(10_000);
            }
        }
    }
}
