package io.replicatedstore.operator.sentinel;

/**
 * Sentinel's judgement of one master, fed by three independent observers: the operator's own
 * PINGs, the kubelet (the pod's readiness and container state, through the API server) and the
 * replicas (their master_link_status). Subjectively down (SDOWN): no valid PING reply for
 * down-after. Objectively down (ODOWN): at least quorum observers agree, the operator's own
 * SDOWN among them.
 *
 * <p>Definitive evidence (the pod deleted, its container terminated) shortens the wait: the
 * operator's observer then agrees as soon as a PING has failed, since the process is known to be
 * gone, not slow. So does a connection refused by the master's address (nothing listens there:
 * the process died, though the kubelet may not have seen it yet); the replicas then agree as soon
 * as most of them lost their link, which a dead master's sockets close at once.
 *
 * <p>TILT: when the observer itself stalled (its loop did not run for a while: GC, CPU
 * starvation), silence over that gap says nothing about the master, so the clocks restart and
 * only fresh observations count.
 *
 * <p>Not thread-safe: one monitor thread feeds it. Times are milliseconds of a monotonic clock.
 */
public final class FailureDetector {

    /** What the detector concludes. */
    public enum Verdict { UP, SDOWN, ODOWN }

    private long lastReplyMs;
    private boolean lastPingFailed;
    private boolean refused;
    private long notReadySinceMs = -1;
    private boolean definitive;
    private int replicasSeeingItDown;
    private int replicasLinkDown;
    private int replicasAnswering;
    private String agreement = "";

    public FailureDetector(long nowMs) {
        this.lastReplyMs = nowMs;
    }

    /** TILT: the observer was stalled until now; what the master did meanwhile is unknown, not silent. */
    public void stalled(long nowMs) {
        lastReplyMs = Math.max(lastReplyMs, nowMs);
        if (notReadySinceMs >= 0) {
            notReadySinceMs = nowMs;
        }
    }

    /** A PING answered +PONG, -LOADING or -MASTERDOWN (Sentinel's valid replies); or it failed. */
    public void ping(long nowMs, boolean valid) {
        ping(nowMs, valid, false);
    }

    /** As {@link #ping(long, boolean)}; REFUSED: the connection was refused, no process listens. */
    public void ping(long nowMs, boolean valid, boolean refused) {
        this.refused = !valid && refused;
        lastPingFailed = !valid;
        if (valid) {
            lastReplyMs = nowMs;
        }
    }

    /** The kubelet's view: ready, and whether the pod or its container is definitely gone. */
    public void pod(long nowMs, boolean ready, boolean gone) {
        definitive = gone;
        if (ready) {
            notReadySinceMs = -1;
        } else if (notReadySinceMs < 0) {
            notReadySinceMs = nowMs;
        }
    }

    /** The replicas' view: how many answered, and how many saw the master down for down-after. */
    public void replicas(int answering, int seeingItDown) {
        replicas(answering, seeingItDown, seeingItDown);
    }

    /** As {@link #replicas(int, int)}, and how many have their link down now, for however short. */
    public void replicas(int answering, int seeingItDown, int linkDown) {
        this.replicasAnswering = answering;
        this.replicasSeeingItDown = seeingItDown;
        this.replicasLinkDown = linkDown;
    }

    public Verdict verdict(long nowMs, long downAfterMs, int quorum) {
        boolean operator = nowMs - lastReplyMs > downAfterMs || ((definitive || refused) && lastPingFailed);
        if (!operator) {
            return Verdict.UP;
        }
        boolean kubelet = definitive || (notReadySinceMs >= 0 && nowMs - notReadySinceMs > downAfterMs);
        int replicasAgreeing = refused ? Math.max(replicasLinkDown, replicasSeeingItDown) : replicasSeeingItDown;
        boolean replicas = replicasAnswering > 0 && replicasAgreeing * 2 > replicasAnswering;
        int agreeing = 1 + (kubelet ? 1 : 0) + (replicas ? 1 : 0);
        agreement = "operator" + (definitive ? ", pod gone" : kubelet ? ", kubelet" : "")
                + (refused ? ", connection refused" : "")
                + ", replicas " + replicasAgreeing + "/" + replicasAnswering + (replicas ? "" : " (not a majority)");
        return agreeing >= quorum ? Verdict.ODOWN : Verdict.SDOWN;
    }

    /** Who agreed at the last verdict that was not UP, for the log. */
    public String agreement() {
        return agreement;
    }

    /** Milliseconds since the last valid reply (Sentinel's last-ok-ping-reply). */
    public long sinceLastReply(long nowMs) {
        return nowMs - lastReplyMs;
    }
}
