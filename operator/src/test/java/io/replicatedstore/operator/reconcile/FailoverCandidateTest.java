package io.replicatedstore.operator.reconcile;

import io.replicatedstore.operator.nodes.NodeAddress;
import io.replicatedstore.operator.nodes.ReplicationInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FailoverCandidateTest {

    private static final long MAX_DISCONNECTED_S = 20;

    @Test
    void theLargestOffsetWinsAmongEqualPriorities() {
        assertThat(choose(Map.of(), replica(1, 100, 3), replica(2, 300, 3), replica(3, 200, 3))).contains("s-2");
    }

    @Test
    void aLowerPriorityValueWinsOverALargerOffset() {
        assertThat(choose(Map.of(1, 50), replica(1, 100, 3), replica(2, 300, 3))).contains("s-1");
    }

    @Test
    void onEqualOffsetsTheLowestOrdinalWins() {
        assertThat(choose(Map.of(), replica(2, 100, 3), replica(1, 100, 3))).contains("s-1");
    }

    @Test
    void priorityZeroSilentAndLongDisconnectedReplicasAreSkipped() {
        ObservedNode silent = new ObservedNode("s-1", 1, new NodeAddress("h", 1), false, null, "connection refused");
        assertThat(choose(Map.of(2, 0), silent, replica(2, 900, 3), replica(3, 100, 3))).contains("s-3");
        assertThat(choose(Map.of(), replica(1, 900, MAX_DISCONNECTED_S + 1), replica(2, 100, 3))).contains("s-2");
        assertThat(choose(Map.of(), replica(1, 900, MAX_DISCONNECTED_S + 1))).isEmpty();
        assertThat(choose(Map.of(1, 0), replica(1, 900, 3))).isEmpty();
    }

    @Test
    void neitherTheOldMasterNorAnotherMasterIsChosen() {
        ObservedNode master = node(2, Map.of("role", "master", "master_repl_offset", "999"));
        ObservedNode oldMaster = replica(0, 999, 3); // back already, as a replica of nothing yet
        assertThat(choose(Map.of(), oldMaster, replica(1, 100, 3), master)).contains("s-1");
    }

    private static Optional<String> choose(Map<Integer, Integer> priorities, ObservedNode... nodes) {
        return FailoverCandidate.choose(List.of(nodes), "s-0", node -> priorities.getOrDefault(node.ordinal(), 100),
                MAX_DISCONNECTED_S).map(ObservedNode::pod);
    }

    private static ObservedNode replica(int ordinal, long offset, long linkDownSeconds) {
        return node(ordinal, Map.of("role", "slave", "slave_repl_offset", Long.toString(offset),
                "master_link_status", "down", "master_link_down_since_seconds", Long.toString(linkDownSeconds)));
    }

    private static ObservedNode node(int ordinal, Map<String, String> fields) {
        return new ObservedNode("s-" + ordinal, ordinal, new NodeAddress("h", ordinal), true, new ReplicationInfo(fields),
                null);
    }
}
