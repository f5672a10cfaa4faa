package io.replicatedstore.operator.reconcile;

import io.replicatedstore.operator.api.NodeStatus;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.api.ReplicatedStoreStatus;

import java.util.List;
import java.util.stream.Collectors;

/** Fills the status from what was observed: nodes, readiness, phase and conditions. */
final class StatusReport {

    /** What makes the store Degraded: a reason (CamelCase) and a message for people. */
    record Problem(String reason, String message) {
    }

    private StatusReport() {
    }

    static void nodes(ReplicatedStore store, List<ObservedNode> observed, String master) {
        ReplicatedStoreStatus status = store.getStatus();
        long masterOffset = observed.stream().filter(n -> n.pod().equals(master) && n.answered())
                .mapToLong(n -> n.info().offset()).findFirst().orElse(-1);
        status.nodes = observed.stream().map(node -> {
            NodeStatus ns = new NodeStatus();
            ns.pod = node.pod();
            ns.ready = node.podReady();
            if (node.answered()) {
                ns.role = node.isMaster() ? "master" : "replica";
                ns.offset = node.info().offset();
                if (!node.isMaster()) {
                    ns.link = node.info().linkUp() ? "up" : "down";
                    ns.lag = masterOffset >= 0 ? Math.max(0, masterOffset - ns.offset) : null;
                }
            } else {
                ns.role = "unknown";
            }
            return ns;
        }).toList();
        status.readyReplicas = (int) observed.stream().filter(ObservedNode::podReady).count();
        status.ready = status.readyReplicas + "/" + store.getSpec().replicas;
        status.replicaPods = observed.stream().map(ObservedNode::pod).filter(p -> !p.equals(master))
                .collect(Collectors.joining(","));
    }

    /** Phase and conditions; {@code progress} and {@code problem} are null when there is none. */
    static void conditions(ReplicatedStore store, String master, String progress, Problem problem) {
        ReplicatedStoreStatus status = store.getStatus();
        long generation = store.getMetadata().getGeneration() == null ? 0 : store.getMetadata().getGeneration();
        int desired = store.getSpec().replicas;
        boolean masterReady = master != null && status.nodes.stream()
                .anyMatch(n -> n.pod.equals(master) && Boolean.TRUE.equals(n.ready));
        boolean allReady = masterReady && status.readyReplicas == desired && status.nodes.size() == desired;

        Conditions.set(status.conditions, Conditions.AVAILABLE, masterReady,
                masterReady ? "MasterReady" : "NoReadyMaster",
                masterReady ? master + " takes writes" : "no ready master yet", generation);
        Conditions.set(status.conditions, Conditions.READY, allReady,
                allReady ? "AllNodesReady" : "NodesNotReady",
                status.readyReplicas + " of " + desired + " data nodes ready", generation);
        Conditions.set(status.conditions, Conditions.PROGRESSING, progress != null,
                progress != null ? "Reconciling" : "Stable", progress != null ? progress : "nothing to do", generation);
        Conditions.set(status.conditions, Conditions.DEGRADED, problem != null,
                problem != null ? problem.reason() : "AsExpected", problem != null ? problem.message() : "no problem seen",
                generation);

        if (problem != null) {
            status.phase = "Degraded";
        } else if (master == null) {
            status.phase = "Creating";
        } else if (progress != null) {
            status.phase = "Progressing";
        } else {
            status.phase = allReady ? "Running" : "Pending";
        }
        status.observedGeneration = generation;
    }
}
