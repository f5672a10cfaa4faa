package io.replicatedstore.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.api.ReplicatedStoreStatus;
import io.replicatedstore.operator.nodes.NodeAddress;
import io.replicatedstore.operator.nodes.NodeAddresses;
import io.replicatedstore.operator.nodes.NodeClient;
import io.replicatedstore.operator.resources.Labels;
import io.replicatedstore.operator.resources.Names;
import io.replicatedstore.operator.resources.NodeConfig;
import io.replicatedstore.operator.resources.NodePods;
import io.replicatedstore.operator.sentinel.FailoverMetrics;
import io.replicatedstore.operator.sentinel.FailureDetector.Verdict;
import io.replicatedstore.operator.sentinel.StoreMonitor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Observes the data nodes and keeps their roles right: promotes a master when the store has
 * none, points every other node at the master, and moves the role label so the master Service
 * follows. The label comes off any other pod before it goes on the master, so at most one pod
 * carries it.
 */
@ApplicationScoped
public class Roles {

    @Inject
    KubernetesClient client;

    @Inject
    NodeAddresses addresses;

    @Inject
    NodeClient nodes;

    @Inject
    StoreEvents events;

    @Inject
    OwnedObjects owned;

    @Inject
    StoreMonitor monitor;

    @Inject
    FailoverMetrics metrics;

    List<ObservedNode> observe(ReplicatedStore store, List<Pod> pods, String password) {
        List<ObservedNode> observed = new ArrayList<>();
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            NodeAddress address = addresses.of(store, name);
            boolean ready = NodePods.ready(pod);
            if (pod.getStatus() == null || pod.getStatus().getPodIP() == null) {
                observed.add(new ObservedNode(name, Names.ordinal(store, name), address, ready, null, "not running"));
                continue;
            }
            try {
                observed.add(new ObservedNode(name, Names.ordinal(store, name), address, ready,
                        nodes.replication(address, password), null));
            } catch (RuntimeException e) {
                observed.add(new ObservedNode(name, Names.ordinal(store, name), address, ready, null, e.getMessage()));
            }
        }
        observed.sort(Comparator.comparingInt(ObservedNode::ordinal));
        return observed;
    }

    /**
     * Makes the roles right. Returns the master's pod name, or empty while the store has none
     * (not every node has answered yet, so none can be chosen).
     */
    Optional<String> reconcile(ReplicatedStore store, List<ObservedNode> observed, String password) {
        ReplicatedStoreStatus status = store.getStatus();
        Optional<ObservedNode> master = observed.stream()
                .filter(node -> node.pod().equals(status.master) && node.isMaster()).findFirst();
        if (master.isPresent() && master.get().info().failingOver()) {
            return Optional.empty(); // a switchover runs: its master is paused, its label off
        }
        if (master.isEmpty()) {
            master = adoptOrElect(store, observed, password);
        }
        if (master.isEmpty()) {
            return Optional.empty();
        }
        ObservedNode current = master.get();
        // parallelSyncs: how many replicas may be syncing with the master at once.
        long syncing = observed.stream().filter(node -> node.replicates(current.address()) && !node.info().linkUp())
                .count();
        for (ObservedNode node : observed) {
            if (node != current && node.answered() && !node.replicates(current.address())) {
                if (!node.isMaster() && syncing >= store.getSpec().sentinel.parallelSyncs) {
                    continue; // a later pass re-points it, once a sync has finished
                }
                syncing++;
                if (node.isMaster()) {
                    // A master that is not the master (back from a hang or a partition): its
                    // clients go, so they reconnect through the Service to the real one. The
                    // status is written first (a conflict means it moved on: decide again).
                    confirmStatus(store);
                    nodes.disconnectClients(node.address(), password);
                    events.warning(store, "DemotedStaleMaster", node.pod() + " was still master: now a replica of "
                            + current.pod());
                }
                nodes.replicaOf(node.address(), password, current.address());
                events.normal(store, "Repointed", node.pod() + " now replicates from " + current.pod());
            }
        }
        relabel(store, current.pod());
        applyLiveOptions(store, observed, password);
        return Optional.of(current.pod());
    }

    /**
     * No known master answers as one. A node that is master while the status names none (the
     * status was lost) is adopted; with none, every node must answer and the election picks one.
     * A master that stopped answering is left to failover: this step never demotes it.
     */
    private Optional<ObservedNode> adoptOrElect(ReplicatedStore store, List<ObservedNode> observed, String password) {
        ReplicatedStoreStatus status = store.getStatus();
        List<ObservedNode> masters = observed.stream().filter(ObservedNode::isMaster).toList();
        if (masters.size() == 1 && masters.get(0).pod().equals(status.targetMaster)
                && !status.targetMaster.equals(status.master)) {
            if (status.master != null) {
                status.lastFailoverTime = now();
                events.normal(store, "SwitchedOver", status.targetMaster + " is master (epoch " + status.epoch + ")");
                metrics.changed(store, "switchover");
            }
            return Optional.of(masters.get(0)); // a promotion or switchover completed
        }
        if (status.master == null && masters.size() == 1) {
            return Optional.of(masters.get(0)); // the status was lost: the one master is adopted
        }
        if (!masters.isEmpty()) {
            return Optional.empty();
        }
        Optional<ObservedNode> decided = decidedPromotion(status, observed);
        if (decided.isPresent()) {
            confirmStatus(store); // 409 if another instance moved on meanwhile
            events.normal(store, "ResumedPromotion", "promoting " + decided.get().pod() + " as decided at epoch "
                    + status.epoch);
            completePromotion(store, decided.get(), password);
            return decided;
        }
        if (status.master != null && monitor.verdict(ResourceID.fromResource(store)) == Verdict.ODOWN) {
            return failOver(store, observed, password);
        }
        if (observed.size() < store.getSpec().replicas) {
            return Optional.empty();
        }
        Optional<ObservedNode> chosen = MasterElection.choose(observed, status.master,
                node -> NodePods.priority(store, node.ordinal()));
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        promote(store, chosen.get(), password);
        metrics.changed(store, "election");
        return chosen;
    }

    /**
     * The master is objectively down: promote the best replica as Sentinel would. Replicas of
     * priority 0, and those disconnected from the master far longer than the master has been
     * down (their data is old), are skipped.
     */
    private Optional<ObservedNode> failOver(ReplicatedStore store, List<ObservedNode> observed, String password) {
        long downAfterMs = store.getSpec().sentinel.downAfterMilliseconds;
        long maxDisconnectedS = (monitor.sinceLastReply(ResourceID.fromResource(store)) + 10 * downAfterMs) / 1000;
        Optional<ObservedNode> chosen = FailoverCandidate.choose(observed, store.getStatus().master,
                node -> NodePods.priority(store, node.ordinal()), maxDisconnectedS);
        if (chosen.isEmpty()) {
            events.warning(store, "NoFailoverCandidate", "master " + store.getStatus().master
                    + " is down and no replica can replace it");
            return Optional.empty();
        }
        events.warning(store, "MasterDown", "master " + store.getStatus().master + " is objectively down: failing over to "
                + chosen.get().pod());
        long lastKnownOffset = store.getStatus().nodes.stream().filter(n -> n.pod.equals(store.getStatus().master)
                && n.offset != null).mapToLong(n -> n.offset).findFirst().orElse(0);
        long detectedMs = monitor.sinceLastReply(ResourceID.fromResource(store));
        long start = System.nanoTime();
        promote(store, chosen.get(), password);
        metrics.failedOver(store, Duration.ofMillis(detectedMs), Duration.ofNanos(System.nanoTime() - start),
                lastKnownOffset - chosen.get().info().offset());
        return chosen;
    }

    /**
     * A promotion written to the status whose candidate is not master yet: the instance that
     * decided it stopped (restarted, lost its lease) or its REPLICAOF NO ONE failed. The decision
     * stands while the candidate answers; a candidate that is gone is abandoned, and the next
     * decision (a new epoch) picks another replica.
     */
    private static Optional<ObservedNode> decidedPromotion(ReplicatedStoreStatus status, List<ObservedNode> observed) {
        if (!"Promoting".equals(status.phase) || status.targetMaster == null
                || status.targetMaster.equals(status.master)) {
            return Optional.empty();
        }
        return observed.stream().filter(node -> node.pod().equals(status.targetMaster) && node.answered()).findFirst();
    }

    /** The epoch and target are written first, with optimistic concurrency: the write is the decision. */
    private void promote(ReplicatedStore store, ObservedNode chosen, String password) {
        ReplicatedStoreStatus status = store.getStatus();
        status.epoch = status.epoch + 1;
        status.targetMaster = chosen.pod();
        status.phase = "Promoting";
        confirmStatus(store); // 409 if another decision came first
        completePromotion(store, chosen, password);
    }

    /** Carries out a decided promotion; every step can be repeated if the operator stops midway. */
    private void completePromotion(ReplicatedStore store, ObservedNode chosen, String password) {
        ReplicatedStoreStatus status = store.getStatus();
        unlabelMastersExcept(store, chosen.pod()); // the master Service routes nowhere rather than to two
        nodes.promote(chosen.address(), password);
        status.master = chosen.pod();
        status.lastFailoverTime = now();
        events.normal(store, "Promoted", chosen.pod() + " is master (epoch " + status.epoch + ", offset "
                + chosen.info().offset() + ")");
    }

    /**
     * Planned switchover to {@code to}, a replica in sync: the epoch is written first, the label
     * comes off the master, then FAILOVER TO runs on it. The switch completes in the background;
     * a later reconcile adopts the new master (or the old one again if FAILOVER timed out).
     */
    void switchOver(ReplicatedStore store, ObservedNode from, ObservedNode to, String password) {
        ReplicatedStoreStatus status = store.getStatus();
        status.epoch = status.epoch + 1;
        status.targetMaster = to.pod();
        status.phase = "SwitchingOver";
        confirmStatus(store);
        unlabelMastersExcept(store, to.pod());
        nodes.failover(from.address(), password, to.address(), store.getSpec().sentinel.failoverTimeoutMilliseconds);
        events.normal(store, "SwitchingOver", "switching over from " + from.pod() + " to " + to.pod() + " (epoch "
                + status.epoch + ")");
    }

    /** Fails with a conflict unless the status this decision rests on is still the current one. */
    private void confirmStatus(ReplicatedStore store) {
        ReplicatedStore written = client.resource(store).updateStatus();
        store.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
    }

    /** Options a running node takes with CONFIG SET (min-replicas-to-write follows the replica count). */
    private void applyLiveOptions(ReplicatedStore store, List<ObservedNode> observed, String password) {
        for (var option : NodeConfig.LIVE_OPTIONS.entrySet()) {
            String wanted = option.getValue().apply(store);
            for (ObservedNode node : observed) {
                if (node.answered() && !wanted.equals(nodes.configGet(node.address(), password, option.getKey()))) {
                    nodes.configSet(node.address(), password, option.getKey(), wanted);
                }
            }
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private void relabel(ReplicatedStore store, String master) {
        unlabelMastersExcept(store, master);
        for (Pod pod : owned.pods(store)) {
            String name = pod.getMetadata().getName();
            if (name.equals(master) && !Labels.MASTER.equals(pod.getMetadata().getLabels().get(Labels.ROLE))) {
                owned.label(store, name, Labels.MASTER);
                events.normal(store, "Labelled", name + " carries " + Labels.ROLE + "=master: " + Names.masterService(store)
                        + " routes to it");
            }
        }
    }

    private void unlabelMastersExcept(ReplicatedStore store, String master) {
        for (Pod pod : owned.pods(store)) {
            String name = pod.getMetadata().getName();
            if (!name.equals(master) && Labels.MASTER.equals(pod.getMetadata().getLabels().get(Labels.ROLE))) {
                owned.label(store, name, Labels.REPLICA);
            }
        }
    }
}
