package io.replicatedstore.operator.reconcile;

import io.replicatedstore.operator.nodes.NodeAddress;
import io.replicatedstore.operator.nodes.ReplicationInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MasterElectionTest {

    @Test
    void largestOffsetWins() {
        assertThat(choose(null, replica(0, 100), replica(1, 300), replica(2, 200))).contains("s-1");
    }

    @Test
    void onEqualOffsetsTheLastKnownMasterWinsThenTheLowestOrdinal() {
        assertThat(choose("s-2", replica(0, 100), replica(1, 100), replica(2, 100))).contains("s-2");
        assertThat(choose(null, replica(0, 0), replica(1, 0), replica(2, 0))).contains("s-0");
        assertThat(choose("s-1", replica(0, 500), replica(1, 100))).contains("s-0");
    }

    @Test
    void nothingIsChosenUntilEveryNodeAnswered() {
        ObservedNode silent = new ObservedNode("s-1", 1, new NodeAddress("h", 1), false, null, "connection refused");
        assertThat(choose(null, replica(0, 100), silent)).isEmpty();
        assertThat(choose(null)).isEmpty();
    }

    @Test
    void priorityZeroIsNeverChosen() {
        Optional<ObservedNode> chosen = MasterElection.choose(List.of(replica(0, 900), replica(1, 100)), null,
                node -> node.ordinal() == 0 ? 0 : 100);
        assertThat(chosen).map(ObservedNode::pod).contains("s-1");
    }

    private static Optional<String> choose(String lastMaster, ObservedNode... nodes) {
        return MasterElection.choose(List.of(nodes), lastMaster, node -> 100).map(ObservedNode::pod);
    }

    private static ObservedNode replica(int ordinal, long offset) {
        ReplicationInfo info = new ReplicationInfo(Map.of("role", "slave", "slave_repl_offset", Long.toString(offset)));
        return new ObservedNode("s-" + ordinal, ordinal, new NodeAddress("h", ordinal), true, info, null);
    }
}
