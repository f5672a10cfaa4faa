package io.replicatedstore.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.nodes.NodeAddresses;
import io.replicatedstore.operator.resources.Labels;
import io.replicatedstore.operator.resources.Names;
import io.replicatedstore.operator.resources.NodeConfig;
import io.replicatedstore.operator.resources.NodePods;
import io.replicatedstore.operator.resources.StoreObjects;
import io.replicatedstore.operator.resources.StoreServices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates and updates what a store owns. Configuration, Services and the disruption budget are
 * server-side applied every time (one call, idempotent, and a manual edit is put back); the
 * password Secret, claims and pods are only ever created here, since changing them is a
 * decision (a new password, a rollout) and not a repair.
 */
@ApplicationScoped
public class OwnedObjects {

    static final String FIELD_MANAGER = "replicated-store-operator";

    @Inject
    KubernetesClient client;

    @Inject
    NodeAddresses addresses;

    @ConfigProperty(name = "replicatedstore.datanode.image", defaultValue = "replicated-store.local/datanode:0.1.0-SNAPSHOT")
    String defaultImage;

    /** The password, from the named Secret or a generated one; empty when the named Secret or key is missing. */
    Optional<String> password(ReplicatedStore store) {
        String name = Names.authSecret(store);
        Secret secret = client.secrets().inNamespace(store.getMetadata().getNamespace()).withName(name).get();
        if (secret == null && name.equals(Names.generatedSecret(store))) {
            secret = client.resource(owned(store, StoreObjects.generatedSecret(store))).create();
        }
        if (secret == null) {
            return Optional.empty();
        }
        String key = store.getSpec().auth.secretKey;
        if (secret.getData() != null && secret.getData().containsKey(key)) {
            return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
        }
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return Optional.of(secret.getStringData().get(key));
        }
        return Optional.empty();
    }

    void applyShared(ReplicatedStore store, String password) {
        apply(store, StoreObjects.nodeAuthSecret(store, password));
        apply(store, NodeConfig.configMap(store));
        for (var service : StoreServices.all(store)) {
            apply(store, service);
        }
        apply(store, StoreObjects.disruptionBudget(store));
    }

    /** Creates the claim and the pod of an ordinal when missing; returns whether the pod was created. */
    boolean ensureNode(ReplicatedStore store, int ordinal) {
        String namespace = store.getMetadata().getNamespace();
        if (!store.getSpec().storage.ephemeral
                && client.persistentVolumeClaims().inNamespace(namespace).withName(Names.claim(store, ordinal)).get() == null) {
            // Owned by the store: deleting the store deletes the data; scale down keeps or deletes it by policy.
            PersistentVolumeClaim claim = owned(store, StoreObjects.claim(store, ordinal));
            client.resource(claim).create();
        }
        if (client.pods().inNamespace(namespace).withName(Names.pod(store, ordinal)).get() != null) {
            return false;
        }
        client.resource(owned(store, desiredPod(store, ordinal))).create();
        return true;
    }

    Pod desiredPod(ReplicatedStore store, int ordinal) {
        String image = store.getSpec().image == null || store.getSpec().image.isEmpty() ? defaultImage : store.getSpec().image;
        return NodePods.pod(store, ordinal, image, addresses.clusterDomain());
    }

    /** The store's data node pods, by ordinal. */
    List<Pod> pods(ReplicatedStore store) {
        return client.pods().inNamespace(store.getMetadata().getNamespace()).withLabels(Labels.nodes(store)).list()
                .getItems();
    }

    /** Deletes a pod; it is created again from the spec on the next pass, on the same claim. */
    void deletePod(ReplicatedStore store, String pod) {
        client.pods().inNamespace(store.getMetadata().getNamespace()).withName(pod).delete();
    }

    void deleteNode(ReplicatedStore store, int ordinal) {
        String namespace = store.getMetadata().getNamespace();
        deletePod(store, Names.pod(store, ordinal));
        if ("Delete".equals(store.getSpec().storage.scaleDownClaimPolicy)) {
            client.persistentVolumeClaims().inNamespace(namespace).withName(Names.claim(store, ordinal)).delete();
        }
    }

    /** Sets the role label (a merge patch: the kubelet's status updates do not conflict with it). */
    void label(ReplicatedStore store, String pod, String role) {
        client.pods().inNamespace(store.getMetadata().getNamespace()).withName(pod)
                .patch(PatchContext.of(PatchType.JSON_MERGE),
                        Serialization.asJson(Map.of("metadata", Map.of("labels", Map.of(Labels.ROLE, role)))));
    }

    /** Removes an annotation from the store (a request that was carried out or refused). */
    void removeAnnotation(ReplicatedStore store, String annotation) {
        Map<String, Object> annotations = new HashMap<>();
        annotations.put(annotation, null);
        client.resource(store).patch(PatchContext.of(PatchType.JSON_MERGE),
                Serialization.asJson(Map.of("metadata", Map.of("annotations", annotations))));
    }

    private void apply(ReplicatedStore store, HasMetadata object) {
        client.resource(owned(store, object)).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    private static <T extends HasMetadata> T owned(ReplicatedStore store, T object) {
        object.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion(store.getApiVersion())
                .withKind(store.getKind())
                .withName(store.getMetadata().getName())
                .withUid(store.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build()));
        return object;
    }
}
