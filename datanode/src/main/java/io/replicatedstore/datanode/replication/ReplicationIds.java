package io.replicatedstore.datanode.replication;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Random;

/**
 * The replication history identity of a node (Redis's server.replid / replid2 / second_replid_offset).
 * replid names the current history; replid2 names the previous one, still valid up to and including
 * offset {@code secondReplOffset}, so replicas of our old master can partially resync after we are
 * promoted. Not thread-safe.
 */
public final class ReplicationIds {

    public static final int ID_LENGTH = 40;
    /** Value of replid2 when there is no secondary history. */
    public static final String NO_REPLID = "0".repeat(ID_LENGTH);
    /** Replid a replica sends in PSYNC to force a full resync. */
    public static final String FORCE_FULL_RESYNC_REPLID = "?";

    private final Random random;
    private String replid;
    private String replid2 = NO_REPLID;
    private long secondReplOffset = -1;

    /** Fresh identity with a random replid and no secondary id. */
    public ReplicationIds() {
        this(new SecureRandom());
    }

    /** @param random source for generated ids (injectable for deterministic tests) */
    public ReplicationIds(Random random) {
        this.random = Objects.requireNonNull(random, "random");
        this.replid = randomReplid(random);
    }

    /** 40 random lowercase hex characters, like Redis's getRandomHexChars. */
    public static String randomReplid(Random random) {
        char[] hex = "0123456789abcdef".toCharArray();
        char[] out = new char[ID_LENGTH];
        for (int i = 0; i < ID_LENGTH; i++) {
            out[i] = hex[random.nextInt(16)];
        }
        return new String(out);
    }

    public String replid() {
        return replid;
    }

    public String replid2() {
        return replid2;
    }

    public long secondReplOffset() {
        return secondReplOffset;
    }

    /** changeReplicationId: start a new history (e.g. after a full resync makes old offsets meaningless). */
    public void changeReplid() {
        replid = randomReplid(random);
    }

    /**
     * shiftReplicationId, used on promotion: the old history stays valid up to {@code masterOffset},
     * so a replica asking for offset {@code masterOffset + 1} under the old id can still continue.
     */
    public void shift(long masterOffset) {
        replid2 = replid;
        secondReplOffset = masterOffset + 1;
        changeReplid();
    }

    /** Takes a master's id as ours (after a full resync, or restored from an RDB file). */
    public void replid(String id) {
        this.replid = Objects.requireNonNull(id, "id");
    }

    /**
     * The master continued us under a new id (+CONTINUE with another replid, after it was promoted):
     * our current id stays valid up to {@code masterOffset}, as with {@link #shift}.
     */
    public void continueAs(String newReplid, long masterOffset) {
        replid2 = replid;
        secondReplOffset = masterOffset + 1;
        replid = Objects.requireNonNull(newReplid, "newReplid");
    }

    /** clearReplicationId2: forget the previous history. */
    public void clearSecondary() {
        replid2 = NO_REPLID;
        secondReplOffset = -1;
    }

    /**
     * masterTryPartialResynchronization's decision. Ids compare case-insensitively (Redis uses
     * strcasecmp). The id test comes first, then the backlog must still hold {@code requestedOffset}.
     *
     * @param backlog the master's backlog, or null if it has none (always a full resync)
     */
    public PsyncDecision decide(String requestedReplid, long requestedOffset, ReplicationBacklog backlog) {
        Objects.requireNonNull(requestedReplid, "requestedReplid");
        if (!requestedReplid.equalsIgnoreCase(replid)
                && (!requestedReplid.equalsIgnoreCase(replid2) || requestedOffset > secondReplOffset)) {
            if (requestedReplid.startsWith(FORCE_FULL_RESYNC_REPLID)) {
                return PsyncDecision.fullResync(PsyncDecision.FullResyncReason.REQUESTED_BY_REPLICA);
            }
            return PsyncDecision.fullResync(requestedReplid.equalsIgnoreCase(replid2)
                    ? PsyncDecision.FullResyncReason.SECOND_REPLID_OFFSET_TOO_HIGH
                    : PsyncDecision.FullResyncReason.REPLID_MISMATCH);
        }
        if (backlog == null) {
            return PsyncDecision.fullResync(PsyncDecision.FullResyncReason.NO_BACKLOG);
        }
        if (!backlog.covers(requestedOffset)) {
            return PsyncDecision.fullResync(PsyncDecision.FullResyncReason.OFFSET_NOT_IN_BACKLOG);
        }
        // Always announce the current replid, even when the replica came in under replid2.
        return PsyncDecision.continueWith(replid);
    }
}
