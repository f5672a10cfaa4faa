package io.replicatedstore.e2e.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One failover under a writer, measured: the writer (a pod appending through
 * {@code <store>-master}) runs across the fault; the new master, the first acknowledged write
 * after the fault and the writes lost (acknowledged but not in the list afterwards) are read
 * from the store's status and the writer's log.
 */
public final class Failover {

    /** What one failover measured. */
    public record Result(String kind, String oldMaster, String newMaster, double secondsToFirstWrite,
                         int acked, List<String> lost, String errors) {
        @Override
        public String toString() {
            // One parseable line: hack/failover-report.sh collects them.
            return "E2E-FAILOVER kind=%s old=%s new=%s seconds=%.3f acked=%d lost=%d errors=%s"
                    .formatted(kind, oldMaster, newMaster, secondsToFirstWrite, acked, lost.size(), errors);
        }
    }

    private final Stores stores;
    private final String store;
    public final ClientPod client;

    public Failover(Stores stores, String store) {
        this.stores = stores;
        this.store = store;
        this.client = new ClientPod(E2e.cluster(), stores.namespace, stores.password(store));
    }

    public static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    /** Waits until a new master is in the status and labelled (bounded); returns it. */
    public String awaitNewMaster(String old, long epochBefore, int seconds) {
        String master = Waits.upTo(seconds, "a replica of " + store + " promoted in place of " + old)
                .until(() -> stores.status(store), s -> s.master() != null && !s.master().equals(old)
                        && s.epoch() > epochBefore && "master".equals(stores.role(s.master()))).master();
        Waits.log(store + ": " + master + " promoted in place of " + old);
        return master;
    }

    /** Waits until the old master's pod is back, Ready, as a replica (bounded). */
    public void awaitBackAsReplica(String pod, int seconds) {
        Waits.upTo(seconds, pod + " back, Ready, as a replica")
                .until(() -> Stores.isReady(stores.pod(pod)) && "replica".equals(stores.role(pod))
                        && "replica".equals(stores.status(store).roleOf(pod)));
        Waits.log(store + ": " + pod + " is back as a replica");
    }

    /** Every element of the writer's list, read through the master Service. */
    public List<String> stored(String key) {
        return Waits.upTo(60, "LRANGE " + key + " through " + store + "-master")
                .until(() -> client.ok(store + "-master", "LRANGE", key, "0", "-1").lines().toList(), l -> !l.isEmpty());
    }

    /**
     * Runs FAULT (which returns the instant it struck, in epoch microseconds) on the master under
     * a writer, waits for the failover, the writer's resumption and the old pod's return as a
     * replica (unless FAULT's caller handles that), then counts the writes lost.
     */
    public Result run(String kind, String writerName, Fault fault, boolean awaitOldBack) {
        var before = stores.status(store);
        String old = before.master();
        String key = "e2e:" + writerName;
        var writer = client.startWriter(writerName, store + "-master", key);
        try {
            writer.awaitAcks(30, 90);
            long struck = fault.strike(old);
            String master = awaitNewMaster(old, before.epoch(), 120);
            // "Resumed": an acknowledgement after the writer's first error since the fault.
            WriterLog resumed = Waits.upTo(90, writerName + " writing again after the failover")
                    .until(writer::log, l -> !Double.isNaN(l.secondsToFirstWriteAfter(struck)));
            fault.afterFailover(old);
            writer.awaitAcks(20, 60);
            if (awaitOldBack) {
                awaitBackAsReplica(old, 240);
            }
            WriterLog log = writer.stop();
            List<String> lost = log.lost(stored(key));
            Result result = new Result(kind, old, master, resumed.secondsToFirstWriteAfter(struck),
                    log.acks().size(), lost, log.errorSummary(struck));
            Waits.log(result.toString());
            System.out.println(result);
            return result;
        } finally {
            try {
                fault.cleanUp(old);
            } catch (RuntimeException e) {
                Waits.log("clean-up of the fault on " + old + " failed: " + e.getMessage());
            }
            E2e.cluster().client().pods().inNamespace(stores.namespace).withName(writerName).withGracePeriod(0).delete();
        }
    }

    /** What strikes the master. */
    public interface Fault {
        /** Strikes; returns when, in epoch microseconds (taken just before the strike). */
        long strike(String master);

        /** After the failover and the writer's resumption (a thaw, a healed network). */
        default void afterFailover(String oldMaster) {
        }

        /** Always, at the end (a thaw the test did not reach). */
        default void cleanUp(String oldMaster) {
        }
    }
}
