package io.replicatedstore.datanode.replication;

import java.util.Objects;

/**
 * Outcome of a replica's {@code PSYNC <replid> <offset>}: either continue from the backlog (announcing
 * {@link #replid()} in {@code +CONTINUE}) or fall back to a full resync for {@link #reason()}.
 */
public record PsyncDecision(Result result, String replid, FullResyncReason reason) {

    public enum Result { CONTINUE, FULLRESYNC }

    /** Why masterTryPartialResynchronization jumped to need_full_resync. */
    public enum FullResyncReason {
        /** Replica sent replid "?": it asks for a full resync (first sync, or it lost its data). */
        REQUESTED_BY_REPLICA,
        /** Replid is neither our replid nor our replid2. */
        REPLID_MISMATCH,
        /** Replid is our replid2, but the offset is past where that history ended (second_repl_offset). */
        SECOND_REPLID_OFFSET_TOO_HIGH,
        /** There is no backlog at all. */
        NO_BACKLOG,
        /** The backlog no longer (or not yet) holds the requested offset. */
        OFFSET_NOT_IN_BACKLOG
    }

    public PsyncDecision {
        Objects.requireNonNull(result, "result");
        if (result == Result.CONTINUE && (replid == null || reason != null)) {
            throw new IllegalArgumentException("CONTINUE needs a replid and no reason");
        }
        if (result == Result.FULLRESYNC && (replid != null || reason == null)) {
            throw new IllegalArgumentException("FULLRESYNC needs a reason and no replid");
        }
    }

    public static PsyncDecision continueWith(String replid) {
        return new PsyncDecision(Result.CONTINUE, replid, null);
    }

    public static PsyncDecision fullResync(FullResyncReason reason) {
        return new PsyncDecision(Result.FULLRESYNC, null, reason);
    }

    public boolean isContinue() {
        return result == Result.CONTINUE;
    }
}
