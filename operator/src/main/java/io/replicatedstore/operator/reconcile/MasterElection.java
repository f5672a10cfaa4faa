package io.replicatedstore.operator.reconcile;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Chooses the master when the store has none: at bootstrap and after a full restart. Every node
 * must have answered, so the node holding the most data is never passed over because it was
 * slower to start. The largest replication offset wins (the most data), then the last known
 * master, then the lowest ordinal. Nodes with replica-priority 0 are never chosen.
 */
final class MasterElection {

    private MasterElection() {
    }

    /** A master to promote, or empty while not every node has answered. */
    static Optional<ObservedNode> choose(List<ObservedNode> nodes, String lastMaster,
                                         ToIntFunction<ObservedNode> priority) {
        if (nodes.isEmpty() || !nodes.stream().allMatch(ObservedNode::answered)) {
            return Optional.empty();
        }
        return nodes.stream()
                .filter(node -> priority.applyAsInt(node) != 0)
                .min(Comparator.comparingLong((ObservedNode node) -> -node.info().offset())
                        .thenComparing(node -> !node.pod().equals(lastMaster))
                        .thenComparingInt(ObservedNode::ordinal));
    }
}
