package io.replicatedstore.operator.resources;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.replicatedstore.operator.api.PodTemplate;
import io.replicatedstore.operator.api.ReplicatedStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pod of one data node. Pods are created once; changing one means replacing it. */
public final class NodePods {

    /** Annotation holding a hash of everything that went into the pod, to see it is outdated. */
    public static final String SPEC_HASH = "replicatedstore.io/spec-hash";
    static final int USER = 1000;

    private NodePods() {
    }

    public static Pod pod(ReplicatedStore store, int ordinal, String image, String clusterDomain) {
        PodTemplate template = store.getSpec().podTemplate;
        String name = Names.pod(store, ordinal);
        Map<String, String> labels = new LinkedHashMap<>(template.labels);
        labels.putAll(Labels.of(store));
        labels.putAll(Labels.nodes(store));
        labels.put(Labels.ORDINAL, Integer.toString(ordinal));
        labels.put(Labels.ROLE, Labels.REPLICA); // the operator labels the master once it is one

        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(store.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(new LinkedHashMap<>(template.annotations))
                .endMetadata()
                .withNewSpec()
                .withHostname(name)
                .withSubdomain(Names.headlessService(store))
                .withAffinity(template.affinity)
                .withTolerations(template.tolerations)
                .withNodeSelector(template.nodeSelector)
                .withTopologySpreadConstraints(template.topologySpreadConstraints)
                .withPriorityClassName(template.priorityClassName)
                .withImagePullSecrets(template.imagePullSecrets)
                .withEnableServiceLinks(false)
                // A data node never calls the API server: no token in its file system.
                .withAutomountServiceAccountToken(false)
                .withTerminationGracePeriodSeconds(30L)
                // What the restricted Pod Security Standard asks, so a namespace enforcing it runs the store.
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser((long) USER)
                .withRunAsGroup((long) USER)
                .withFsGroup((long) USER)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withContainers(container(store, ordinal, image, clusterDomain))
                .withVolumes(volumes(store, ordinal))
                .endSpec()
                .build();
        pod.getMetadata().getAnnotations().put(SPEC_HASH, Hashes.of(pod.getSpec(), labels, NodeConfig.restartConfig(store)));
        return pod;
    }

    /** The DNS name of a pod through the headless Service. */
    public static String host(ReplicatedStore store, String podName, String clusterDomain) {
        return podName + "." + Names.headlessService(store) + "." + store.getMetadata().getNamespace() + ".svc."
                + clusterDomain;
    }

    private static Container container(ReplicatedStore store, int ordinal, String image, String clusterDomain) {
        String announced = "$(POD_NAME)." + Names.headlessService(store) + "." + store.getMetadata().getNamespace()
                + ".svc." + clusterDomain;
        List<String> args = new ArrayList<>(List.of(
                NodeConfig.MOUNT + "/" + NodeConfig.CONFIG_KEY,
                "--replica-announce-ip", announced,
                "--replica-priority", Integer.toString(priority(store, ordinal))));
        return new ContainerBuilder()
                .withName("datanode")
                .withImage(image)
                .withImagePullPolicy(store.getSpec().imagePullPolicy)
                .withArgs(args)
                .withEnv(new EnvVarBuilder().withName("POD_NAME").withNewValueFrom().withNewFieldRef()
                                .withFieldPath("metadata.name").endFieldRef().endValueFrom().build())
                .addNewPort().withName("redis").withContainerPort(NodeConfig.PORT).endPort()
                .withResources(NodeMemory.resources(store.getSpec().resources))
                .withReadinessProbe(new ProbeBuilder()
                        .withNewExec().withCommand("bash", NodeConfig.MOUNT + "/" + NodeConfig.PROBE_KEY).endExec()
                        .withPeriodSeconds(2).withTimeoutSeconds(3).withFailureThreshold(2).build())
                .withLivenessProbe(new ProbeBuilder()
                        .withNewTcpSocket().withNewPort("redis").endTcpSocket()
                        .withInitialDelaySeconds(10).withPeriodSeconds(5).withFailureThreshold(6).build())
                .withNewSecurityContext()
                .withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount().withName("data").withMountPath(NodeConfig.DATA_DIR).endVolumeMount()
                .addNewVolumeMount().withName("config").withMountPath(NodeConfig.MOUNT).withReadOnly(true)
                .endVolumeMount()
                // One file per key through subPath: fixed when the container starts, as the node reads
                // them then, so the probe keeps the password the node runs with when the Secret changes.
                .addNewVolumeMount().withName("auth").withMountPath(NodeConfig.AUTH_MOUNT + "/" + NodeConfig.AUTH_CONF_KEY)
                .withSubPath(NodeConfig.AUTH_CONF_KEY).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("auth")
                .withMountPath(NodeConfig.AUTH_MOUNT + "/" + NodeConfig.AUTH_PASSWORD_KEY)
                .withSubPath(NodeConfig.AUTH_PASSWORD_KEY).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .build();
    }

    private static List<Volume> volumes(ReplicatedStore store, int ordinal) {
        VolumeBuilder data = new VolumeBuilder().withName("data");
        if (store.getSpec().storage.ephemeral) {
            data.withNewEmptyDir().endEmptyDir();
        } else {
            data.withNewPersistentVolumeClaim().withClaimName(Names.claim(store, ordinal)).endPersistentVolumeClaim();
        }
        return List.of(data.build(),
                new VolumeBuilder().withName("config").withNewConfigMap().withName(Names.configMap(store))
                        .endConfigMap().build(),
                // Readable by the node's group only (fsGroup): the password and a fragment holding it.
                new VolumeBuilder().withName("auth").withNewSecret().withSecretName(Names.nodeAuthSecret(store))
                        .withDefaultMode(0440).endSecret().build(),
                new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    }

    /** The pod's Ready condition, as the kubelet reports it from the readiness probe. */
    public static boolean ready(Pod pod) {
        return pod != null && pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Definitive evidence that the node is gone: the pod deleted or deleting, or its container not running. */
    public static boolean gone(Pod pod) {
        if (pod == null || pod.getMetadata().getDeletionTimestamp() != null) {
            return true;
        }
        List<ContainerStatus> containers = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
        return containers != null && containers.stream()
                .anyMatch(c -> c.getState() != null && c.getState().getRunning() == null);
    }

    /** replica-priority of an ordinal: the spec's map, 100 (Redis's default) otherwise. */
    public static int priority(ReplicatedStore store, int ordinal) {
        Integer priority = store.getSpec().replication.replicaPriority.get(Integer.toString(ordinal));
        return priority == null ? 100 : priority;
    }
}
