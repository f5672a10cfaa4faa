package io.replicatedstore.operator.reconcile;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.api.ReplicatedStoreSpec;
import io.replicatedstore.operator.testing.FakeKubelet;
import io.replicatedstore.operator.testing.KubeApiServerResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The operator against a real kube-apiserver, with real data node processes standing for the pods. */
@QuarkusTest
@QuarkusTestResource(value = KubeApiServerResource.class, restrictToAnnotatedClass = true)
class ReplicatedStoreIT {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final RedisClient REDIS = RedisClient.create();

    @Inject
    KubernetesClient client;

    String namespace;
    FakeKubelet kubelet;

    @BeforeEach
    void namespace(TestInfo test) throws Exception {
        String method = test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        namespace = method.substring(0, Math.min(20, method.length()));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        kubelet = new FakeKubelet(client, namespace);
    }

    @AfterEach
    void stopNodes() throws Exception {
        if (kubelet != null) {
            kubelet.close();
        }
    }

    @AfterAll
    static void closeClient() {
        REDIS.shutdown();
    }

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
                .getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
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

        ReplicatedStore owned = store("owned", 3);
        owned.getSpec().config.put("port", "7000");
        assertThatThrownBy(() -> client.resource(owned).create()).isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.config must not set options the operator owns");

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
    void scalesUpAndDownWithoutTouchingTheMaster() {
        client.resource(store("scale", 2)).create();
        awaitStatus("scale", s -> "Running".equals(s.getStatus().phase));

        client.resources(ReplicatedStore.class).inNamespace(namespace).withName("scale")
                .edit(s -> {
                    s.getSpec().replicas = 4;
                    return s;
                });
        ReplicatedStore four = awaitStatus("scale", s -> "Running".equals(s.getStatus().phase)
                && "4/4".equals(s.getStatus().ready));
        assertThat(four.getStatus().master).isEqualTo("scale-0");
        assertThat(four.getStatus().epoch).isEqualTo(1L);

        client.resources(ReplicatedStore.class).inNamespace(namespace).withName("scale")
                .edit(s -> {
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

    // ------------------------------------------------------------------ helpers

    private ReplicatedStore store(String name, int replicas) {
        ReplicatedStore store = new ReplicatedStore();
        store.getMetadata().setName(name);
        store.getMetadata().setNamespace(namespace);
        store.setSpec(new ReplicatedStoreSpec());
        store.getSpec().replicas = replicas;
        return store;
    }

    private ReplicatedStore awaitStatus(String name, Predicate<ReplicatedStore> condition) {
        return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(
                () -> client.resources(ReplicatedStore.class).inNamespace(namespace).withName(name).get(),
                s -> s != null && s.getStatus() != null && condition.test(s));
    }

    private String role(String pod) {
        return client.pods().inNamespace(namespace).withName(pod).get().getMetadata().getLabels()
                .get("replicatedstore.io/role");
    }

    private StatefulRedisConnection<String, String> connect(String pod) {
        FakeKubelet.Node node = kubelet.node(pod);
        return REDIS.connect(RedisURI.builder().withHost("127.0.0.1").withPort(node.port())
                .withPassword(node.password().toCharArray()).build());
    }
}
