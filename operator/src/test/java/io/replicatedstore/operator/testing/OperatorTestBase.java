package io.replicatedstore.operator.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.api.ReplicatedStoreSpec;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the operator's integration tests share: a namespace per test on the real API server, a
 * {@link FakeKubelet} running the data nodes of its pods, and helpers to create stores, wait for
 * their status and talk to their nodes.
 */
public abstract class OperatorTestBase {

    protected static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    protected KubernetesClient client;

    protected String namespace;
    protected FakeKubelet kubelet;
    private RedisClient redis;

    @BeforeEach
    protected void namespace(TestInfo test) throws Exception {
        String method = test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        namespace = method.substring(0, Math.min(20, method.length()));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        kubelet = new FakeKubelet(client, namespace);
        redis = RedisClient.create();
    }

    @AfterEach
    protected void stopNodes() throws Exception {
        // The test's stores go, so neither the reconciler nor the monitor keeps working on them.
        client.resources(ReplicatedStore.class).inNamespace(namespace).delete();
        if (redis != null) {
            redis.shutdown();
        }
        if (kubelet != null) {
            kubelet.close();
        }
    }

    protected void writeKeysAndAwaitReplicas(String name, int keys) {
        try (var master = connect(name + "-0"); var one = connect(name + "-1"); var two = connect(name + "-2")) {
            for (int i = 0; i < keys; i++) {
                assertThat(master.sync().set("key:" + i, "value:" + i)).isEqualTo("OK");
            }
            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(one.sync().dbsize()).isEqualTo(keys);
                assertThat(two.sync().dbsize()).isEqualTo(keys);
            });
        }
    }

    protected ReplicatedStore store(String name, int replicas) {
        ReplicatedStore store = new ReplicatedStore();
        store.getMetadata().setName(name);
        store.getMetadata().setNamespace(namespace);
        store.setSpec(new ReplicatedStoreSpec());
        store.getSpec().replicas = replicas;
        return store;
    }

    /**
     * Edits a store as a user would; again on a conflict, as the operator writes the store's
     * status meanwhile (edit patches with the resourceVersion it read).
     */
    protected void edit(String name, UnaryOperator<ReplicatedStore> change) {
        await().atMost(TIMEOUT).ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
                .until(() -> client.resources(ReplicatedStore.class).inNamespace(namespace).withName(name).edit(change) != null);
    }

    protected ReplicatedStore awaitStatus(String name, Predicate<ReplicatedStore> condition) {
        return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(
                () -> client.resources(ReplicatedStore.class).inNamespace(namespace).withName(name).get(),
                s -> s != null && s.getStatus() != null && condition.test(s));
    }

    protected String role(String pod) {
        return client.pods().inNamespace(namespace).withName(pod).get().getMetadata().getLabels()
                .get("replicatedstore.io/role");
    }

    protected StatefulRedisConnection<String, String> connect(String pod) {
        FakeKubelet.Node node = kubelet.node(pod);
        return redis.connect(RedisURI.builder().withHost("127.0.0.1").withPort(node.port())
                .withPassword(node.password().toCharArray()).build());
    }
}
