package io.replicatedstore.operator.sentinel;

import io.replicatedstore.operator.sentinel.FailureDetector.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The detector with a clock the test moves: milliseconds passed in by hand. */
class FailureDetectorTest {

    static final long DOWN_AFTER = 5000;

    @Test
    void upWhileThePingsAreAnswered() {
        FailureDetector detector = new FailureDetector(0);
        for (long t = 1000; t <= 20_000; t += 1000) {
            detector.ping(t, true);
            detector.pod(t, true, false);
            assertThat(detector.verdict(t, DOWN_AFTER, 2)).isEqualTo(Verdict.UP);
        }
    }

    @Test
    void subjectivelyDownAfterDownAfterWithoutAValidReply() {
        FailureDetector detector = new FailureDetector(0);
        detector.ping(1000, true);
        detector.pod(1000, true, false);
        detector.ping(5000, false);
        assertThat(detector.verdict(6000, DOWN_AFTER, 2)).isEqualTo(Verdict.UP);
        detector.ping(6001, false);
        assertThat(detector.verdict(6001, DOWN_AFTER, 2)).isEqualTo(Verdict.SDOWN);
        assertThat(detector.verdict(6001, DOWN_AFTER, 1)).as("quorum 1: the operator alone").isEqualTo(Verdict.ODOWN);
    }

    @Test
    void objectivelyDownWhenTheKubeletAgreesForDownAfterToo() {
        FailureDetector detector = new FailureDetector(0);
        detector.pod(2000, false, false); // the readiness probe fails from 2 s
        detector.ping(7000, false);
        assertThat(detector.verdict(7000, DOWN_AFTER, 2)).isEqualTo(Verdict.SDOWN); // not ready for 5 s only
        assertThat(detector.verdict(7001, DOWN_AFTER, 2)).isEqualTo(Verdict.ODOWN);
        assertThat(detector.verdict(7001, DOWN_AFTER, 3)).as("the replicas have not agreed").isEqualTo(Verdict.SDOWN);
    }

    @Test
    void objectivelyDownWhenMostReplicasLostTheirLink() {
        FailureDetector detector = new FailureDetector(0);
        detector.pod(0, true, false);
        detector.ping(6000, false);
        detector.replicas(3, 1);
        assertThat(detector.verdict(6000, DOWN_AFTER, 2)).isEqualTo(Verdict.SDOWN);
        detector.replicas(3, 2);
        assertThat(detector.verdict(6000, DOWN_AFTER, 2)).isEqualTo(Verdict.ODOWN);
    }

    @Test
    void aPodKnownGoneIsDownAtTheFirstFailedPing() {
        FailureDetector detector = new FailureDetector(0);
        detector.ping(1000, true);
        detector.pod(1500, false, true); // container terminated
        assertThat(detector.verdict(1500, DOWN_AFTER, 2)).as("no failed ping yet").isEqualTo(Verdict.UP);
        detector.ping(2000, false);
        assertThat(detector.verdict(2000, DOWN_AFTER, 2)).isEqualTo(Verdict.ODOWN);
    }

    @Test
    void aRefusedConnectionAndTheReplicasLinksDownAreDownAtOnce() {
        FailureDetector detector = new FailureDetector(0);
        detector.ping(1000, true);
        detector.pod(1000, true, false); // the kubelet has not seen the process die yet
        detector.ping(1500, false, true);
        detector.replicas(2, 0, 1);
        assertThat(detector.verdict(1500, DOWN_AFTER, 2)).as("one replica of two lost its link").isEqualTo(Verdict.SDOWN);
        detector.replicas(2, 0, 2);
        assertThat(detector.verdict(1500, DOWN_AFTER, 2)).isEqualTo(Verdict.ODOWN);
        assertThat(detector.verdict(1500, DOWN_AFTER, 3)).as("the kubelet has not agreed").isEqualTo(Verdict.SDOWN);
    }

    @Test
    void aFailedPingThatWasNotRefusedWaitsForDownAfter() {
        FailureDetector detector = new FailureDetector(0);
        detector.ping(1000, true);
        detector.pod(1000, true, false);
        detector.ping(1500, false); // a timeout: slow or cut off, not known gone
        detector.replicas(2, 0, 2);
        assertThat(detector.verdict(1500, DOWN_AFTER, 2)).isEqualTo(Verdict.UP);
        detector.ping(6001, false);
        assertThat(detector.verdict(6001, DOWN_AFTER, 2)).as("links down but not for down-after").isEqualTo(Verdict.SDOWN);
    }

    @Test
    void aStallOfOurOwnIsNotTheMastersSilence() {
        FailureDetector detector = new FailureDetector(0);
        detector.ping(1000, true);
        detector.pod(1000, false, false);
        // the operator did not run from 1 s to 30 s
        detector.stalled(30_000);
        detector.ping(30_000, false);
        assertThat(detector.verdict(30_000, DOWN_AFTER, 2)).isEqualTo(Verdict.UP);
        detector.ping(35_001, false);
        assertThat(detector.verdict(35_001, DOWN_AFTER, 2)).as("fresh silence counts again").isEqualTo(Verdict.ODOWN);
    }

    @Test
    void aValidReplyEndsTheSuspicion() {
        FailureDetector detector = new FailureDetector(0);
        detector.pod(0, false, false);
        detector.ping(9000, false);
        assertThat(detector.verdict(9000, DOWN_AFTER, 2)).isEqualTo(Verdict.ODOWN);
        detector.ping(9500, true);
        assertThat(detector.verdict(9500, DOWN_AFTER, 2)).isEqualTo(Verdict.UP);
    }
}
