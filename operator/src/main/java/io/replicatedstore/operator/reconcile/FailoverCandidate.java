package io.replicatedstore.operator.reconcile;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The replica to promote when the master is objectively down, chosen as Sentinel chooses: only
 * replicas that answer, are not of priority 0, and have not been disconnected from the master for
 * longer than allowed (their data is old); then the lowest priority value, the largest replication
 * offset, and the lowest ordinal (where Sentinel takes the smallest run id: both are arbitrary
 * but stable, and the ordinal is the one a user can read).
 *
 * <p>A replica's pod readiness is not required: a replica is Ready only while its link to the
 * master is up, which in a failover it is not. Answering INFO is the test of being alive.
 */
final class FailoverCandidate {

    private FailoverCandidate() {
    }

    static Optional<ObservedNode> choose(List<ObservedNode> observed, String oldMaster,
                                         ToIntFunction<ObservedNode> priority, long maxDisconnectedSeconds) {
        return observed.stream()
                .filter(node -> node.answered() && !node.isMaster() && !node.pod().equals(oldMaster))
                .filter(node -> priority.applyAsInt(node) != 0)
                .filter(node -> Long.parseLong(node.info().fields().getOrDefault("master_link_down_since_seconds", "-1"))
                        <= maxDisconnectedSeconds)
                .min(Comparator.comparingInt(priority)
                        .thenComparingLong(node -> -node.info().offset())
                        .thenComparingInt(ObservedNode::ordinal));
    }
}
