package io.replicatedstore.operator.resources;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.api.ReplicatedStoreSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodePodsTest {

    private static ReplicatedStore store() {
        ReplicatedStore store = new ReplicatedStore();
        store.getMetadata().setName("cache");
        store.getMetadata().setNamespace("apps");
        store.setSpec(new ReplicatedStoreSpec());
        return store;
    }

    @Test
    void podsMeetTheRestrictedPodSecurityStandard() {
        Pod pod = NodePods.pod(store(), 0, "datanode:1", "cluster.local");
        var podContext = pod.getSpec().getSecurityContext();
        assertThat(podContext.getRunAsNonRoot()).isTrue();
        assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var container = pod.getSpec().getContainers().get(0).getSecurityContext();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void thePasswordComesFromTheNodesSecretAsFilesOnly() {
        Pod pod = NodePods.pod(store(), 1, "datanode:1", "cluster.local");
        assertThat(pod.getSpec().getVolumes()).anyMatch(v -> v.getSecret() != null
                && v.getSecret().getSecretName().equals("cache-node-auth") && v.getSecret().getDefaultMode() == 0440);
        var container = pod.getSpec().getContainers().get(0);
        // Both files by subPath: a changed Secret does not reach a running container, so its probe
        // never tries a password the node does not have.
        assertThat(container.getVolumeMounts()).filteredOn(m -> m.getName().equals("auth"))
                .extracting(m -> m.getMountPath() + " " + m.getSubPath() + " " + m.getReadOnly())
                .containsExactly(NodeConfig.AUTH_MOUNT + "/auth.conf auth.conf true",
                        NodeConfig.AUTH_MOUNT + "/password password true");
        assertThat(container.getEnv()).noneMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null);
        assertThat(String.join(" ", container.getArgs())).doesNotContain("requirepass").doesNotContain("masterauth");
    }

    @Test
    void imagePullSecretsOfTheSpecReachThePods() {
        ReplicatedStore store = store();
        store.getSpec().podTemplate.imagePullSecrets.add(new LocalObjectReference("regcred"));
        Pod pod = NodePods.pod(store, 0, "registry.example/datanode:1", "cluster.local");
        assertThat(pod.getSpec().getImagePullSecrets()).extracting(LocalObjectReference::getName).containsExactly("regcred");
        assertThat(Serialization.asJson(NodePods.pod(store(), 0, "d:1", "cluster.local").getSpec()))
                .doesNotContain("imagePullSecrets\":[{");
    }
}
