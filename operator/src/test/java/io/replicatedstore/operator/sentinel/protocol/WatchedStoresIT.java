package io.replicatedstore.operator.sentinel.protocol;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.api.ReplicatedStoreSpec;
import io.replicatedstore.operator.testing.KubeApiServerResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Sentinel endpoint's view is the reconciler's namespaces, against a real API server. */
class WatchedStoresIT {

    static KubeAPIServer server;
    static KubernetesClient client;

    @BeforeAll
    static void start() throws IOException {
        server = KubeApiServerResource.startServer();
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
        try (var crd = new FileInputStream(Path.of("../crds/replicatedstores.replicatedstore.io-v1.yml").toFile())) {
            client.load(crd).serverSideApply();
        }
        await().atMost(60, TimeUnit.SECONDS).ignoreExceptions()
                .until(() -> client.resources(ReplicatedStore.class).inAnyNamespace().list() != null);
        for (String ns : List.of("team-a", "team-b", "other")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
            ReplicatedStore store = new ReplicatedStore();
            store.getMetadata().setName("cache");
            store.getMetadata().setNamespace(ns);
            store.setSpec(new ReplicatedStoreSpec());
            client.resource(store).create();
        }
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private static WatchedStores watching(String... namespaces) {
        WatchedStores stores = new WatchedStores();
        stores.client = client;
        stores.namespaces = List.of(namespaces);
        return stores;
    }

    private static List<String> names(List<ReplicatedStore> stores) {
        return stores.stream().map(s -> s.getMetadata().getNamespace() + "/" + s.getMetadata().getName()).sorted().toList();
    }

    @Test
    void storesOfUnwatchedNamespacesAreNeverListed() {
        assertThat(names(watching("team-a", " team-b").list())).containsExactly("team-a/cache", "team-b/cache");
        assertThat(names(watching(WatchedStores.ALL).list())).containsExactly("other/cache", "team-a/cache", "team-b/cache");
    }

    @Test
    void informersSeeOnlyTheWatchedNamespaces() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        var informers = watching("team-b").inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ReplicatedStore store) {
                seen.add(store.getMetadata().getNamespace());
            }

            @Override
            public void onUpdate(ReplicatedStore before, ReplicatedStore after) {
            }

            @Override
            public void onDelete(ReplicatedStore store, boolean unknown) {
            }
        });
        try {
            await().atMost(30, TimeUnit.SECONDS).until(() -> seen.contains("team-b"));
            assertThat(seen).containsExactly("team-b");
        } finally {
            informers.forEach(SharedIndexInformer::close);
        }
    }
}
