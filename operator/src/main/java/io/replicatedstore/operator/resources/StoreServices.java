package io.replicatedstore.operator.resources;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.replicatedstore.operator.api.ReplicatedStore;

import java.util.List;
import java.util.Map;

/**
 * The three Services of a store: master and replicas follow the role label, headless gives every
 * pod a stable DNS name, published before the pod is ready so replicas can reach a node that is
 * still syncing.
 */
public final class StoreServices {

    private StoreServices() {
    }

    public static List<Service> all(ReplicatedStore store) {
        return List.of(headless(store),
                byRole(store, Names.masterService(store), Labels.nodesWithRole(store, Labels.MASTER)),
                byRole(store, Names.replicasService(store), Labels.nodesWithRole(store, Labels.REPLICA)));
    }

    static Service headless(ReplicatedStore store) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(Names.headlessService(store))
                .withNamespace(store.getMetadata().getNamespace())
                .withLabels(Labels.of(store))
                .endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(Labels.nodes(store))
                .addNewPort().withName("redis").withPort(NodeConfig.PORT).withNewTargetPort("redis").endPort()
                .endSpec()
                .build();
    }

    static Service byRole(ReplicatedStore store, String name, Map<String, String> selector) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(store.getMetadata().getNamespace())
                .withLabels(Labels.of(store))
                .withAnnotations(store.getSpec().service.annotations)
                .endMetadata()
                .withNewSpec()
                .withType(store.getSpec().service.type)
                .withSelector(selector)
                .addNewPort().withName("redis").withPort(NodeConfig.PORT).withNewTargetPort("redis").endPort()
                .endSpec()
                .build();
    }
}
