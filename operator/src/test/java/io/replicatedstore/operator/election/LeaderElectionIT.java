package io.replicatedstore.operator.election;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.api.ReplicatedStoreSpec;
import io.replicatedstore.operator.testing.KubeApiServerResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two operator processes, the packaged application in its prod profile, against an API server of
 * their own: one holds the Lease and acts, the other stands by; when the leader is killed, the
 * other takes the Lease and acts. No kubelet here: acting is visible as the pods it creates.
 */
class LeaderElectionIT {

    private static final String LEASE = "replicated-store-operator";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static KubeAPIServer server;
    private static KubernetesClient client;
    private static Path dir;
    private static final Map<String, Process> operators = new LinkedHashMap<>();

    @BeforeAll
    static void startApiServer() throws Exception {
        server = KubeApiServerResource.startServer();
        dir = Files.createDirectories(Path.of("target", "leader-election")); // the operators' logs
        Files.writeString(dir.resolve("kubeconfig"), server.getKubeConfigYaml());
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
        try (var crd = new FileInputStream(Path.of(System.getProperty("crds.dir", "../crds"),
                "replicatedstores.replicatedstore.io-v1.yml").toFile())) {
            client.load(crd).serverSideApply();
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (Process process : operators.values()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void oneInstanceLeadsAndTheOtherTakesOverWhenItIsKilled() throws Exception {
        start("operator-a");
        start("operator-b");
        String leader = await().atMost(TIMEOUT).until(LeaderElectionIT::holder, holder -> holder != null);
        assertThat(leader).isIn("operator-a", "operator-b");
        String standby = leader.equals("operator-a") ? "operator-b" : "operator-a";

        create("first");
        awaitPods("first", 2);
        // Still one leader, the same one, and the stand-by is alive: it waits rather than competes.
        assertThat(holder()).isEqualTo(leader);
        assertThat(operators.get(standby).isAlive()).isTrue();

        operators.get(leader).destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9: the Lease is not released
        await().atMost(TIMEOUT).until(LeaderElectionIT::holder, standby::equals);
        create("second");
        awaitPods("second", 2);
        assertThat(operators.get(standby).isAlive()).isTrue();
    }

    private static String holder() {
        Lease lease = client.leases().inNamespace("default").withName(LEASE).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static void create(String name) {
        ReplicatedStore store = new ReplicatedStore();
        store.getMetadata().setName(name);
        store.getMetadata().setNamespace("default");
        store.setSpec(new ReplicatedStoreSpec());
        store.getSpec().replicas = 2;
        client.resource(store).create();
    }

    private static void awaitPods(String store, int count) {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.pods().inNamespace("default")
                .withLabel("replicatedstore.io/store", store).list().getItems()).hasSize(count));
    }

    /** The packaged operator (target/quarkus-app), configured as the Helm chart configures it. */
    private static void start(String identity) throws Exception {
        Path app = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(app).as("the packaged operator (mvn package)").exists();
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-Xmx256m", "-jar", app.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve(identity + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("KUBECONFIG", dir.resolve("kubeconfig").toString());
        env.put("HOSTNAME", identity); // the Lease holder's identity, as a pod's name
        env.put("REPLICATEDSTORE_LEASE_NAMESPACE", "default");
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("REPLICATEDSTORE_SENTINEL_PORT", "0");
        env.put("REPLICATEDSTORE_SENTINEL_BIND", "127.0.0.1");
        env.put("QUARKUS_OPERATOR_SDK_CRD_VALIDATE", "false");
        operators.put(identity, builder.start());
    }
}
