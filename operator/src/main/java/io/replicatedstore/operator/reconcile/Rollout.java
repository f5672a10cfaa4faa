package io.replicatedstore.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.resources.Names;
import io.replicatedstore.operator.resources.NodePods;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Brings pods to the spec one at a time, master last: outdated replicas are replaced one by one,
 * each only once every node is ready again (a replica is ready when its link is up and it is not
 * in a full sync); then the master is switched over to an updated replica in sync (FAILOVER:
 * nothing acknowledged is lost) and replaced as a replica. A master whose ordinal is being scaled
 * away is switched over the same way.
 */
@ApplicationScoped
public class Rollout {

    @Inject
    OwnedObjects owned;

    @Inject
    Roles roles;

    @Inject
    StoreEvents events;

    /** Takes the next step; returns what is going on, or null when every pod is as the spec says. */
    String step(ReplicatedStore store, List<Pod> pods, List<ObservedNode> observed, String master, String password) {
        String requested = requestedSwitchover(store, observed, master, password);
        if (requested != null) {
            return requested;
        }
        int replicas = store.getSpec().replicas;
        List<Pod> outdated = pods.stream().filter(pod -> ordinal(store, pod) < replicas && outdated(store, pod)).toList();
        boolean masterLeaves = ordinalOf(observed, master) >= replicas;
        if (outdated.isEmpty() && !masterLeaves) {
            return null;
        }
        Optional<ObservedNode> notReady = observed.stream()
                .filter(node -> node.ordinal() < replicas && !node.podReady()).findFirst();
        if (notReady.isPresent()) {
            return "rollout waits until " + notReady.get().pod() + " is ready";
        }
        Optional<Pod> replica = outdated.stream().filter(pod -> !pod.getMetadata().getName().equals(master)).findFirst();
        if (replica.isPresent()) {
            String name = replica.get().getMetadata().getName();
            owned.deletePod(store, name);
            events.normal(store, "RollingUpdate", "replacing replica " + name + " to apply the spec");
            return "rolling update: replacing " + name;
        }
        ObservedNode current = observed.stream().filter(n -> n.pod().equals(master)).findFirst().orElseThrow();
        Optional<ObservedNode> target = observed.stream()
                .filter(node -> node != current && node.ordinal() < replicas && node.answered() && node.info().linkUp()
                        && NodePods.priority(store, node.ordinal()) != 0
                        && pods.stream().noneMatch(p -> p.getMetadata().getName().equals(node.pod()) && outdated(store, p)))
                .min(Comparator.comparingLong((ObservedNode node) -> -node.info().offset())
                        .thenComparingInt(ObservedNode::ordinal));
        if (target.isPresent()) {
            roles.switchOver(store, current, target.get(), password);
            return "switching over from " + master + " to " + target.get().pod();
        }
        if (replicas == 1 && !masterLeaves) {
            owned.deletePod(store, master); // the only node: no one to switch over to
            events.normal(store, "RollingUpdate", "replacing the only data node " + master + " to apply the spec");
            return "rolling update: replacing " + master;
        }
        return "rollout waits for a replica in sync to switch over to";
    }

    /** A switchover asked for by annotation: run once, then the annotation is removed. */
    private String requestedSwitchover(ReplicatedStore store, List<ObservedNode> observed, String master,
                                       String password) {
        String target = store.getMetadata().getAnnotations() == null ? null
                : store.getMetadata().getAnnotations().get(ReplicatedStore.SWITCHOVER_ANNOTATION);
        if (target == null) {
            return null;
        }
        if (target.equals(master)) {
            owned.removeAnnotation(store, ReplicatedStore.SWITCHOVER_ANNOTATION); // done
            return null;
        }
        Optional<ObservedNode> to = observed.stream().filter(node -> node.pod().equals(target)).findFirst();
        Optional<ObservedNode> from = observed.stream().filter(node -> node.pod().equals(master)).findFirst();
        if (to.isEmpty() || from.isEmpty() || !to.get().answered() || to.get().isMaster() || !to.get().info().linkUp()
                || ordinal(store, to.get().pod()) >= store.getSpec().replicas) {
            events.warning(store, "SwitchoverRefused", target + " is not a replica in sync with " + master);
            owned.removeAnnotation(store, ReplicatedStore.SWITCHOVER_ANNOTATION);
            return null;
        }
        roles.switchOver(store, from.get(), to.get(), password);
        return "switching over from " + master + " to " + target + " as requested";
    }

    private boolean outdated(ReplicatedStore store, Pod pod) {
        Pod desired = owned.desiredPod(store, ordinal(store, pod));
        return !Objects.equals(desired.getMetadata().getAnnotations().get(NodePods.SPEC_HASH),
                pod.getMetadata().getAnnotations() == null ? null
                        : pod.getMetadata().getAnnotations().get(NodePods.SPEC_HASH));
    }

    private static int ordinal(ReplicatedStore store, Pod pod) {
        return ordinal(store, pod.getMetadata().getName());
    }

    private static int ordinal(ReplicatedStore store, String pod) {
        return Names.ordinal(store, pod);
    }

    private static int ordinalOf(List<ObservedNode> observed, String pod) {
        return observed.stream().filter(n -> n.pod().equals(pod)).mapToInt(ObservedNode::ordinal).findFirst().orElse(-1);
    }
}
