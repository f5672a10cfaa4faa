package io.replicatedstore.operator.resources;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.replicatedstore.operator.api.ReplicatedStore;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** The password Secrets (generated, and the nodes' copy), the data claims and the disruption budget of a store. */
public final class StoreObjects {

    private static final SecureRandom RANDOM = new SecureRandom();

    private StoreObjects() {
    }

    /** A new random password (32 hex digits: safe in a shell, a URL and a RESP inline command). */
    public static Secret generatedSecret(ReplicatedStore store) {
        byte[] password = new byte[16];
        RANDOM.nextBytes(password);
        return new SecretBuilder()
                .withNewMetadata()
                .withName(Names.generatedSecret(store))
                .withNamespace(store.getMetadata().getNamespace())
                .withLabels(Labels.of(store))
                .endMetadata()
                .withType("Opaque")
                .addToStringData(store.getSpec().auth.secretKey, HexFormat.of().formatHex(password))
                .build();
    }

    /**
     * The password as the data nodes read it, from files of a Secret volume: a configuration
     * fragment their configuration includes, and the bare password for the readiness probe. Kept
     * by the operator from the store's password Secret, so the password is never in a pod's
     * arguments or environment (ps, /proc/PID/cmdline, the container runtime's inspect).
     */
    public static Secret nodeAuthSecret(ReplicatedStore store, String password) {
        String fragment = "requirepass " + NodeConfig.quote(password) + "\nmasterauth " + NodeConfig.quote(password) + "\n";
        Base64.Encoder base64 = Base64.getEncoder();
        return new SecretBuilder()
                .withNewMetadata()
                .withName(Names.nodeAuthSecret(store))
                .withNamespace(store.getMetadata().getNamespace())
                .withLabels(Labels.of(store))
                .endMetadata()
                .withType("Opaque")
                .addToData(NodeConfig.AUTH_CONF_KEY, base64.encodeToString(fragment.getBytes(StandardCharsets.UTF_8)))
                .addToData(NodeConfig.AUTH_PASSWORD_KEY, base64.encodeToString(password.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    public static PersistentVolumeClaim claim(ReplicatedStore store, int ordinal) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(Names.claim(store, ordinal))
                .withNamespace(store.getMetadata().getNamespace())
                .withLabels(Labels.of(store))
                .addToLabels(Labels.ORDINAL, Integer.toString(ordinal))
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(store.getSpec().storage.storageClassName)
                .withNewResources().addToRequests("storage", new Quantity(store.getSpec().storage.size)).endResources()
                .endSpec()
                .build();
    }

    /**
     * One data node down at a time, by eviction. As minAvailable, a number: the disruption
     * controller can apply maxUnavailable (or a percentage) only to pods whose owner has a scale
     * subresource, and ignores it (CalculateExpectedPodCountFailed) for the operator's own pods.
     */
    public static PodDisruptionBudget disruptionBudget(ReplicatedStore store) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName(Names.disruptionBudget(store))
                .withNamespace(store.getMetadata().getNamespace())
                .withLabels(Labels.of(store))
                .endMetadata()
                .withNewSpec()
                .withNewMinAvailable(Math.max(0, store.getSpec().replicas - 1))
                .withNewSelector().withMatchLabels(Labels.nodes(store)).endSelector()
                .endSpec()
                .build();
    }
}
