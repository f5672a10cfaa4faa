package io.replicatedstore.operator;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderElectionTest {

    @Test
    void theOperatorExitsOnALostLeaseItselfNotJosdkWhichDeadlocksOnSigterm() {
        LeaderElectionConfiguration config = new LeaderElection().leaderElection("lease", Optional.of("operators"));
        assertThat(config.isExitOnStopLeading()).isFalse();
        assertThat(config.getLeaderCallbacks()).isPresent();
        assertThat(config.getLeaseName()).isEqualTo("lease");
        assertThat(config.getLeaseNamespace()).contains("operators");
    }

    @Test
    void aRunningJvmIsNotShuttingDown() {
        assertThat(LeaderElection.jvmShuttingDown()).isFalse();
    }
}
