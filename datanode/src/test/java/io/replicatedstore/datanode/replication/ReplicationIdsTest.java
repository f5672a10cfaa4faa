package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.replication.PsyncDecision.FullResyncReason;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicationIdsTest {

    private final ReplicationIds ids = new ReplicationIds(new Random(7));

    /** Backlog holding offsets 91..100 (master offset 100). */
    private static ReplicationBacklog backlog() {
        ReplicationBacklog backlog = new ReplicationBacklog(10, 0);
        backlog.append(new byte[100]);
        return backlog;
    }

    @Test
    void freshIds() {
        assertThat(ids.replid()).matches("[0-9a-f]{40}");
        assertThat(ids.replid2()).isEqualTo("0".repeat(40));
        assertThat(ids.secondReplOffset()).isEqualTo(-1);
        assertThat(new ReplicationIds().replid()).matches("[0-9a-f]{40}").isNotEqualTo(ids.replid());
    }

    @Test
    void shiftAndClear() {
        String old = ids.replid();
        ids.shift(100);
        assertThat(ids.replid2()).isEqualTo(old);
        assertThat(ids.secondReplOffset()).isEqualTo(101);
        assertThat(ids.replid()).matches("[0-9a-f]{40}").isNotEqualTo(old);
        ids.clearSecondary();
        assertThat(ids.replid2()).isEqualTo(ReplicationIds.NO_REPLID);
        assertThat(ids.secondReplOffset()).isEqualTo(-1);
        String before = ids.replid();
        ids.changeReplid();
        assertThat(ids.replid()).isNotEqualTo(before);
    }

    @Test
    void continuesOnCurrentReplidWithinBacklog() {
        assertThat(ids.decide(ids.replid(), 91, backlog())).isEqualTo(PsyncDecision.continueWith(ids.replid()));
        assertThat(ids.decide(ids.replid(), 101, backlog()).isContinue()).isTrue();
        assertThat(ids.decide(ids.replid().toUpperCase(), 95, backlog()).isContinue()).isTrue(); // strcasecmp
    }

    @Test
    void fullResyncOutsideBacklog() {
        assertThat(ids.decide(ids.replid(), 90, backlog())).isEqualTo(full(FullResyncReason.OFFSET_NOT_IN_BACKLOG));
        assertThat(ids.decide(ids.replid(), 102, backlog())).isEqualTo(full(FullResyncReason.OFFSET_NOT_IN_BACKLOG));
        assertThat(ids.decide(ids.replid(), -1, backlog())).isEqualTo(full(FullResyncReason.OFFSET_NOT_IN_BACKLOG));
        assertThat(ids.decide(ids.replid(), 95, null)).isEqualTo(full(FullResyncReason.NO_BACKLOG));
    }

    @Test
    void forcedFullResync() {
        assertThat(ids.decide("?", -1, backlog())).isEqualTo(full(FullResyncReason.REQUESTED_BY_REPLICA));
        assertThat(ids.decide("?", 95, backlog())).isEqualTo(full(FullResyncReason.REQUESTED_BY_REPLICA));
    }

    @Test
    void unknownReplid() {
        assertThat(ids.decide("f".repeat(40), 95, backlog())).isEqualTo(full(FullResyncReason.REPLID_MISMATCH));
    }

    @Test
    void secondaryReplidValidUpToSecondOffset() {
        String old = ids.replid();
        ids.shift(100); // second_repl_offset = 101
        PsyncDecision cont = ids.decide(old, 101, backlog());
        assertThat(cont).isEqualTo(PsyncDecision.continueWith(ids.replid())); // announces the new id
        assertThat(ids.decide(old, 95, backlog()).isContinue()).isTrue();
        assertThat(ids.decide(old, 102, backlog())).isEqualTo(full(FullResyncReason.SECOND_REPLID_OFFSET_TOO_HIGH));
        assertThat(ids.decide(old, 90, backlog())).isEqualTo(full(FullResyncReason.OFFSET_NOT_IN_BACKLOG));
        assertThat(ids.decide(old, 95, null)).isEqualTo(full(FullResyncReason.NO_BACKLOG));
        ids.clearSecondary();
        assertThat(ids.decide(old, 95, backlog())).isEqualTo(full(FullResyncReason.REPLID_MISMATCH));
    }

    @Test
    void zeroReplid2NeverContinues() {
        // replid2 "000..." is only valid up to offset -1, which no backlog covers.
        assertThat(ids.decide(ReplicationIds.NO_REPLID, 95, backlog()))
                .isEqualTo(full(FullResyncReason.SECOND_REPLID_OFFSET_TOO_HIGH));
        assertThat(ids.decide(ReplicationIds.NO_REPLID, -1, backlog()))
                .isEqualTo(full(FullResyncReason.OFFSET_NOT_IN_BACKLOG));
    }

    @Test
    void decisionInvariants() {
        assertThatThrownBy(() -> new PsyncDecision(PsyncDecision.Result.CONTINUE, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PsyncDecision(PsyncDecision.Result.FULLRESYNC, "x", FullResyncReason.NO_BACKLOG))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static PsyncDecision full(FullResyncReason reason) {
        return PsyncDecision.fullResync(reason);
    }
}
