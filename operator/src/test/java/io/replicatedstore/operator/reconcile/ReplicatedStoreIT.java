package io.replicatedstore.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.testing.KubeApiServerResource;
import io.replicatedstore.operator.testing.OperatorTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The operator against a real kube-apiserver, with real data node processes standing for the pods. */
@QuarkusTest
@QuarkusTestResource(KubeApiServerResource.class) // one API server for every operator test class
class ReplicatedStoreIT extends OperatorTestBase {

    @Test
    void bootstrapsAMasterAndReplicasBehindServices() {
        client.resource(store("basic", 3)).create();

        ReplicatedStore store = awaitStatus("basic", s -> "Running".equals(s.getStatus().phase));
        assertThat(store.getStatus().master).isEqualTo("basic-0");
        assertThat(store.getStatus().epoch).isEqualTo(1L);
        assertThat(store.getStatus().ready).isEqualTo("3/3");
        assertThat(store.getStatus().observedGeneration).isEqualTo(store.getMetadata().getGeneration());
        assertThat(store.getStatus().nodes).extracting(n -> n.pod + "=" + n.role)
                .containsExactly("basic-0=master", "basic-1=replica", "basic-2=replica");
        assertThat(store.getStatus().conditions).anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));

        assertThat(role("basic-0")).isEqualTo("master");
        assertThat(role("basic-1")).isEqualTo("replica");
        assertThat(role("basic-2")).isEqualTo("replica");
        Service master = client.services().inNamespace(namespace).withName("basic-master").get();
        assertThat(master.getSpec().getSelector()).containsEntry("replicatedstore.io/role", "master");
        Service headless = client.services().inNamespace(namespace).withName("basic-headless").get();
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace(namespace).withName("basic").get()
                .getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
        assertThat(client.persistentVolumeClaims().inNamespace(namespace).list().getItems()).hasSize(3);
        Pod pod = client.pods().inNamespace(namespace).withName("basic-1").get();
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo("basic"));
        assertThat(pod.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();

        // Data written to the master reaches the replicas, which refuse writes.
        try (var masterConnection = connect("basic-0"); var replicaConnection = connect("basic-2")) {
            assertThat(masterConnection.sync().set("greeting", "hello")).isEqualTo("OK");
            await().atMost(TIMEOUT).untilAsserted(() ->
                    assertThat(replicaConnection.sync().get("greeting")).isEqualTo("hello"));
            assertThatThrownBy(() -> replicaConnection.sync().set("k", "v")).hasMessageContaining("READONLY");
        }
    }

    @Test
    void invalidSpecsAreRejectedWithAReadableMessage() {
        ReplicatedStore zero = store("zero", 0);
        assertThatThrownBy(() -> client.resource(zero).create()).isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.replicas").hasMessageContaining("should be greater than or equal to 1");

        // Options the operator owns are refused however they are spelled: name, alias or case.
        for (String option : List.of("port", "slaveof", "slave-priority", "Replica-Priority", "min-slaves-to-write",
                "dbfilename", "enable-debug-command")) {
            ReplicatedStore owned = store("owned", 3);
            owned.getSpec().config.put("maxmemory-policy", "allkeys-lru");
            owned.getSpec().config.put(option, "1");
            assertThatThrownBy(() -> client.resource(owned).create()).as(option).isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("spec.config may not set " + option + ": only the tunable options");
        }
        // A line break in a value would start a directive of its own.
        ReplicatedStore smuggled = store("smuggled", 3);
        smuggled.getSpec().config.put("maxmemory-policy", "allkeys-lru\nreplicaof evil 6379");
        assertThatThrownBy(() -> client.resource(smuggled).create()).isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.config values must not hold control characters");
        ReplicatedStore tuned = store("tuned", 3);
        tuned.getSpec().config.put("maxmemory-policy", "allkeys-lru");
        tuned.getSpec().config.put("client-output-buffer-limit", "pubsub 32mb 8mb 60");
        client.resource(tuned).create();
        client.resource(tuned).delete();

        ReplicatedStore mode = store("mode", 3);
        mode.getSpec().persistence.mode = "sometimes";
        assertThatThrownBy(() -> client.resource(mode).create()).isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.persistence.mode");
    }

    @Test
    void aMissingSecretIsReportedAndNothingIsCreated() {
        ReplicatedStore store = store("nosecret", 2);
        store.getSpec().auth.secretName = "does-not-exist";
        client.resource(store).create();

        ReplicatedStore seen = awaitStatus("nosecret", s -> "Degraded".equals(s.getStatus().phase));
        assertThat(seen.getStatus().conditions).anyMatch(c -> c.getType().equals("Degraded")
                && c.getStatus().equals("True") && c.getReason().equals("SecretNotFound")
                && c.getMessage().contains("does-not-exist"));
        assertThat(client.pods().inNamespace(namespace).list().getItems()).isEmpty();
    }

    @Test
    void thePasswordReachesTheNodesAsFilesNeverInTheirArgumentsOrEnvironment() {
        String password = "a \"quoted\" \\ back'slash $(not a var) #not a comment";
        client.resource(new SecretBuilder().withNewMetadata().withName("odd-password").withNamespace(namespace).endMetadata()
                .addToStringData("pass", password).build()).create();
        ReplicatedStore spec = store("files", 2);
        spec.getSpec().auth.secretName = "odd-password";
        spec.getSpec().auth.secretKey = "pass";
        client.resource(spec).create();

        awaitStatus("files", s -> "Running".equals(s.getStatus().phase));
        // The real data node read the password from the included file, quoting and all.
        try (var master = connect("files-0")) {
            assertThat(master.sync().configGet("requirepass")).containsEntry("requirepass", password);
            assertThat(master.sync().configGet("masterauth")).containsEntry("masterauth", password);
        }
        Pod pod = client.pods().inNamespace(namespace).withName("files-1").get();
        String podSpec = Serialization.asJson(pod.getSpec());
        assertThat(podSpec).doesNotContain("odd-password").doesNotContain("quoted");
        assertThat(pod.getSpec().getContainers().get(0).getEnv()).noneMatch(e -> e.getValueFrom() != null
                && e.getValueFrom().getSecretKeyRef() != null);
        // The restricted Pod Security Standard's demands, and no API token in a pod that never uses one.
        assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void scalesUpAndDownWithoutTouchingTheMaster() {
        client.resource(store("scale", 2)).create();
        awaitStatus("scale", s -> "Running".equals(s.getStatus().phase));

        edit("scale", s -> {
            s.getSpec().replicas = 4;
            return s;
        });
        ReplicatedStore four = awaitStatus("scale", s -> "Running".equals(s.getStatus().phase)
                && "4/4".equals(s.getStatus().ready));
        assertThat(four.getStatus().master).isEqualTo("scale-0");
        assertThat(four.getStatus().epoch).isEqualTo(1L);

        edit("scale", s -> {
            s.getSpec().replicas = 1;
            return s;
        });
        ReplicatedStore one = awaitStatus("scale", s -> "Running".equals(s.getStatus().phase)
                && "1/1".equals(s.getStatus().ready) && s.getStatus().nodes.size() == 1);
        assertThat(one.getStatus().master).isEqualTo("scale-0");
        assertThat(client.pods().inNamespace(namespace).list().getItems()).extracting(p -> p.getMetadata().getName())
                .containsExactly("scale-0");
        // Claims are kept by default (scaleDownClaimPolicy Retain) for a later scale up.
        assertThat(client.persistentVolumeClaims().inNamespace(namespace).list().getItems()).hasSize(4);
    }

    @Test
    void aCrashedMasterIsReplacedByTheReplicaWithTheMostData() throws Exception {
        ReplicatedStore spec = store("crash", 3);
        spec.getSpec().persistence.mode = "none"; // the master comes back empty: it must not be trusted
        client.resource(spec).create();
        awaitStatus("crash", s -> "Running".equals(s.getStatus().phase));
        writeKeysAndAwaitReplicas("crash", 100);

        kubelet.crash("crash-0");

        ReplicatedStore after = awaitStatus("crash", s -> s.getStatus().epoch == 2 && "Running".equals(s.getStatus().phase)
                && "3/3".equals(s.getStatus().ready));
        assertThat(after.getStatus().master).isEqualTo("crash-1"); // equal offsets: the lowest ordinal
        assertThat(role("crash-1")).isEqualTo("master");
        assertThat(role("crash-0")).isEqualTo("replica");
        try (var master = connect("crash-1")) {
            assertThat(master.sync().dbsize()).isEqualTo(100L);
        }
        // The failover can finish before the kubelet restarted crash-0 (its connection was
        // refused at once): refused until it listens again, then it must get the data back.
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            try (var old = connect("crash-0")) {
                assertThat(old.sync().dbsize()).isEqualTo(100L);
            }
        });
    }

    @Test
    void afterAFullRestartTheLastMasterWinsAmongEquals() {
        client.resource(store("restart", 3)).create(); // rdb persistence: every node saves on SIGTERM
        awaitStatus("restart", s -> "Running".equals(s.getStatus().phase));
        writeKeysAndAwaitReplicas("restart", 50);

        client.pods().inNamespace(namespace).delete();

        ReplicatedStore after = awaitStatus("restart", s -> s.getStatus().epoch == 2
                && "Running".equals(s.getStatus().phase) && "3/3".equals(s.getStatus().ready));
        assertThat(after.getStatus().master).isEqualTo("restart-0");
        try (var master = connect("restart-0"); var replica = connect("restart-2")) {
            assertThat(master.sync().dbsize()).isEqualTo(50L);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(replica.sync().dbsize()).isEqualTo(50L));
        }
    }

    @Test
    void aSpecChangeRollsReplicasFirstThenSwitchesOverLosingNoAcknowledgedWrite() throws Exception {
        client.resource(store("roll", 3)).create();
        awaitStatus("roll", s -> "Running".equals(s.getStatus().phase));
        Map<String, String> hashes = specHashes();

        try (Writer writer = new Writer("roll")) {
            writer.start();
            await().atMost(TIMEOUT).until(() -> writer.acknowledged.size() > 50);
            edit("roll", s -> {
                s.getSpec().config.put("hz", "20");
                return s;
            });
            ReplicatedStore after = awaitStatus("roll", s -> s.getStatus().epoch == 2
                    && "Running".equals(s.getStatus().phase) && "3/3".equals(s.getStatus().ready)
                    && specHashes().values().stream().noneMatch(hashes::containsValue));
            assertThat(after.getStatus().master).isIn("roll-1", "roll-2");
            await().atMost(TIMEOUT).until(() -> writer.acknowledged.size() > writer.countAtSwitch + 50);
            writer.stop();
            assertThat(writer.error).as("writer error").isNull();
            try (var master = connect(after.getStatus().master)) {
                for (String key : writer.acknowledged) {
                    assertThat(master.sync().get(key)).as("acknowledged %s", key).isEqualTo(key);
                }
            }
        }
        assertThat(client.pods().inNamespace(namespace).withName("roll-0").get().getSpec().getContainers().get(0)
                .getArgs()).isNotEmpty();

        // Scaling away the master's ordinal switches over to a remaining node first.
        edit("roll", s -> {
            s.getSpec().replicas = 1;
            return s;
        });
        ReplicatedStore one = awaitStatus("roll", s -> "Running".equals(s.getStatus().phase)
                && s.getStatus().nodes.size() == 1);
        assertThat(one.getStatus().master).isEqualTo("roll-0");
        assertThat(one.getStatus().epoch).isEqualTo(3L);
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, String> specHashes() {
        Map<String, String> hashes = new java.util.HashMap<>();
        for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
            hashes.put(pod.getMetadata().getName(), pod.getMetadata().getAnnotations().get("replicatedstore.io/spec-hash"));
        }
        return hashes;
    }

    /** Writes key=key to whichever pod the status names master, recording what was acknowledged. */
    private final class Writer implements AutoCloseable {
        final String store;
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        volatile int countAtSwitch = Integer.MAX_VALUE;
        volatile Throwable error;
        private volatile boolean running = true;
        private final Thread thread = new Thread(this::run, "writer");

        Writer(String store) {
            this.store = store;
        }

        void start() {
            thread.start();
        }

        private void run() {
            int i = 0;
            String master = null;
            StatefulRedisConnection<String, String> connection = null;
            while (running) {
                try {
                    String current = client.resources(ReplicatedStore.class).inNamespace(namespace).withName(store).get()
                            .getStatus().master;
                    if (!current.equals(master)) {
                        if (master != null) {
                            countAtSwitch = acknowledged.size();
                        }
                        if (connection != null) {
                            connection.close();
                        }
                        master = current;
                        connection = connect(master);
                        connection.setTimeout(Duration.ofSeconds(5));
                    }
                    for (int n = 0; n < 20 && running; n++, i++) {
                        String key = "w:" + i;
                        if ("OK".equals(connection.sync().set(key, key))) {
                            acknowledged.add(key);
                        }
                    }
                } catch (RuntimeException e) {
                    // READONLY or a closed link while roles change: not acknowledged, try the next key
                    i++;
                    sleep();
                }
            }
            if (connection != null) {
                connection.close();
            }
        }

        private void sleep() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(30_000);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }





}
