package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.Server;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Clients blocked in {@code WAIT numreplicas timeout}: each waits until that many replicas
 * acknowledged the offset of its own last write, or the timeout, and is answered with the count.
 */
public final class WaitingClients {

    private record Waiter(Client client, int numReplicas, long offset) {
    }

    private final Server server;
    private final Replication replication;
    private final List<Waiter> waiters = new ArrayList<>();

    WaitingClients(Server server, Replication replication) {
        this.server = server;
        this.replication = replication;
    }

    /**
     * WAIT: answers at once when enough replicas already have the client's writes (or inside
     * MULTI, where it cannot block), else blocks the client.
     */
    public void waitFor(Client client, byte[][] argv, long numReplicas, long timeoutMs, boolean inExec) {
        if (replication.isReplica()) {
            throw new RedisException("ERR WAIT cannot be used with replica instances. Please also note that since "
                    + "Redis 4.0 if a replica is configured to be writable (which is not the default) writes to "
                    + "replicas are just local and are not propagated.");
        }
        long target = client.writeOffset();
        int acked = replication.replicasAcked(target);
        if (acked >= numReplicas || inExec) {
            client.writer().integer(acked);
            return;
        }
        long deadline = timeoutMs > 0 ? server.clock().millis() + timeoutMs : 0;
        int wanted = (int) Math.min(Integer.MAX_VALUE, numReplicas);
        server.blockedClients().blockFor(client, argv, deadline,
                () -> client.writer().integer(replication.replicasAcked(target)));
        waiters.add(new Waiter(client, wanted, target));
        replication.requestAcks();
    }

    /** A replica acknowledged: answers every waiter now satisfied (processClientsWaitingReplicas). */
    void acked() {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.client().blocked() == null) {
                it.remove(); // timed out or gone
                continue;
            }
            int acked = replication.replicasAcked(waiter.offset());
            if (acked >= waiter.numReplicas()) {
                it.remove();
                server.blockedClients().finishBlocked(waiter.client(), writer -> writer.integer(acked));
            }
        }
    }

    void cron(long now) {
        waiters.removeIf(waiter -> waiter.client().blocked() == null);
    }

    /** The node stopped being a master: every waiter gets an error. */
    void unblockAll(String error) {
        for (Waiter waiter : List.copyOf(waiters)) {
            if (waiter.client().blocked() != null) {
                server.blockedClients().finishBlocked(waiter.client(), writer -> writer.error(error));
            }
        }
        waiters.clear();
    }
}
