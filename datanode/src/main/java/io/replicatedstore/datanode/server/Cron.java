package io.replicatedstore.datanode.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/** Redis's serverCron, run hz times a second on the keyspace thread. */
final class Cron implements Runnable {

    private final Server server;

    Cron(Server server) {
        this.server = server;
    }

    /** Runs again after 1000/hz ms, reading hz each time so CONFIG SET hz applies. */
    void schedule() {
        long period = Math.max(1, 1000 / server.config().effectiveHz());
        server.eventLoop().schedule(this, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
        try {
            tick();
        } finally {
            if (!server.eventLoop().isShuttingDown()) {
                schedule();
            }
        }
    }

    private void tick() {
        long now = server.clock().millis();
        server.stats().sample(now);
        long periodNanos = 1_000_000_000L / server.config().effectiveHz();
        // Like Redis's slow expire cycle: at most a quarter of each period.
        server.keyspace().activeExpireCycle(periodNanos / 4);
        closeIdleClients(now);
        server.clientLimits().cron();
        // Persistence's and the AOF's, wired in by the node.
        for (LongConsumer task : server.cronTasks()) {
            task.accept(now);
        }
        server.blockedClients().releasePaused();
        server.processor().handleClientsBlockedOnKeys();
        server.flushPending();
    }

    private void closeIdleClients(long now) {
        long timeoutSeconds = server.config().timeout.get();
        if (timeoutSeconds <= 0) {
            return;
        }
        List<Client> idle = new ArrayList<>();
        for (Client client : server.clients()) {
            boolean exempt = client.blocked() != null || client.subscriptionCount() > 0 || client.isMonitor()
                    || client.isReplica() || client.isMaster(); // repl-timeout governs replication links
            if (!exempt && now - client.lastInteractionMs() > timeoutSeconds * 1000) {
                idle.add(client);
            }
        }
        idle.forEach(Client::kill);
    }
}
