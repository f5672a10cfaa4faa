package io.replicatedstore.operator.sentinel.protocol;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.replicatedstore.operator.api.ReplicatedStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * The stores the Sentinel endpoint may show: those of the namespaces the reconciler watches (the
 * same setting, so the endpoint never reveals another namespace's stores, and the operator needs
 * no cluster-wide read of them when it watches a few namespaces).
 */
@ApplicationScoped
public class WatchedStores {

    /** The operator SDK's word for every namespace. */
    static final String ALL = "JOSDK_ALL_NAMESPACES";

    @Inject
    KubernetesClient client;

    @ConfigProperty(name = "quarkus.operator-sdk.controllers.replicatedstorereconciler.namespaces", defaultValue = ALL)
    List<String> namespaces;

    boolean everyNamespace() {
        return namespaces.isEmpty() || namespaces.contains(ALL);
    }

    List<ReplicatedStore> list() {
        if (everyNamespace()) {
            return client.resources(ReplicatedStore.class).inAnyNamespace().list().getItems();
        }
        return watched().stream()
                .flatMap(ns -> client.resources(ReplicatedStore.class).inNamespace(ns).list().getItems().stream())
                .toList();
    }

    /** Informers on the watched stores, one per namespace (or one for all). */
    List<SharedIndexInformer<ReplicatedStore>> inform(ResourceEventHandler<ReplicatedStore> handler) {
        if (everyNamespace()) {
            return List.of(client.resources(ReplicatedStore.class).inAnyNamespace().inform(handler));
        }
        return watched().stream()
                .map(ns -> client.resources(ReplicatedStore.class).inNamespace(ns).inform(handler)).toList();
    }

    private List<String> watched() {
        return namespaces.stream().map(String::trim).distinct().toList();
    }
}
