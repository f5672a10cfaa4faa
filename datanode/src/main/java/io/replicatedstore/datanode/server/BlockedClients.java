package io.replicatedstore.datanode.server;

import io.netty.util.concurrent.ScheduledFuture;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.Database;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Clients that wait (Redis's blocked.c): on keys (BLPOP...), on something else (WAIT), or
 * because CLIENT PAUSE holds them; their timeouts, and running what they sent meanwhile once
 * they are free.
 */
public final class BlockedClients {

    private final Server server;

    BlockedClients(Server server) {
        this.server = server;
    }

    /** Blocks a client on keys until one gets data or the deadline (unix ms, 0: none) passes. */
    public void block(Client client, byte[][] argv, List<byte[]> keys, long deadlineMs) {
        block(client, argv, keys, deadlineMs, null);
    }

    /**
     * Blocks a client on something other than keys (WAIT): {@code onTimeout} writes its reply
     * when the deadline (0: none) passes; {@link #finishBlocked} ends the wait earlier.
     */
    public void blockFor(Client client, byte[][] argv, long deadlineMs, Runnable onTimeout) {
        block(client, argv, List.of(), deadlineMs, onTimeout);
    }

    /** Ends a client's wait with the reply {@code reply} writes, and runs what it sent meanwhile. */
    public void finishBlocked(Client client, Consumer<RespWriter> reply) {
        if (client.blocked() == null) {
            return;
        }
        unblock(client);
        reply.accept(client.writer());
        client.markPending();
        resume(client);
    }

    /** Every blocked client gets an error (the node became a replica: Redis's disconnectAllBlockedClients). */
    public void unblockAllBlocked(String error) {
        for (Client client : List.copyOf(server.clients())) {
            if (client.blocked() != null) {
                finishBlocked(client, writer -> writer.error(error));
            }
        }
    }

    private void block(Client client, byte[][] argv, List<byte[]> keys, long deadlineMs, Runnable onTimeout) {
        ScheduledFuture<?> timeout = null;
        if (deadlineMs > 0 && server.eventLoop() != null) {
            long delay = Math.max(0, deadlineMs - server.clock().millis());
            timeout = server.eventLoop().schedule(() -> timeOut(client), delay, TimeUnit.MILLISECONDS);
        }
        Database db = client.db();
        client.blocked(new Client.Blocked(argv, keys, db, deadlineMs, timeout, onTimeout));
        server.blocking().block(client, keys, db);
    }

    /** A client that blocked again when woken keeps its first deadline (0: none), as in Redis. */
    public void keepDeadline(Client client, long deadlineMs) {
        Client.Blocked blocked = client.blocked();
        if (blocked == null || blocked.deadlineMs() == deadlineMs) {
            return;
        }
        if (blocked.timeout() != null) {
            blocked.timeout().cancel(false);
        }
        ScheduledFuture<?> timeout = null;
        if (deadlineMs > 0 && server.eventLoop() != null) {
            long delay = Math.max(0, deadlineMs - server.clock().millis());
            timeout = server.eventLoop().schedule(() -> timeOut(client), delay, TimeUnit.MILLISECONDS);
        }
        client.blocked(new Client.Blocked(blocked.argv(), blocked.keys(), blocked.db(), deadlineMs, timeout,
                blocked.onTimeout()));
    }

    /** Forgets a client's blocking state (it was served, timed out, or disconnected). */
    public void unblock(Client client) {
        Client.Blocked blocked = client.blocked();
        if (blocked == null) {
            return;
        }
        server.blocking().unblock(client);
        if (blocked.timeout() != null) {
            blocked.timeout().cancel(false);
        }
        client.blocked(null);
    }

    private void timeOut(Client client) {
        Client.Blocked blocked = client.blocked();
        if (blocked == null) {
            return;
        }
        unblock(client);
        if (blocked.onTimeout() != null) {
            blocked.onTimeout().run();
        } else {
            client.writer().nullArray();
        }
        client.markPending();
        resume(client);
        server.flushPending();
    }

    /** CLIENT UNBLOCK: ends a client's wait as a timeout or with an error. */
    public boolean unblockByRequest(Client client, boolean withError) {
        Client.Blocked blocked = client.blocked();
        if (blocked == null) {
            return false;
        }
        unblock(client);
        if (withError) {
            client.writer().error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
        } else if (blocked.onTimeout() != null) {
            blocked.onTimeout().run();
        } else {
            client.writer().nullArray();
        }
        client.markPending();
        resume(client);
        return true;
    }

    /** Runs the commands a client sent while it was blocked or paused. */
    public void resume(Client client) {
        while (!client.deferred().isEmpty() && client.blocked() == null && !server.pause().isParked(client)
                && !client.isClosing() && !client.outputBackpressure()) {
            byte[][] argv = client.deferred().pollFirst();
            client.running(0, 0);
            server.processor().process(client, argv);
            server.clientLimits().afterCommand(client);
        }
        if (client.blocked() == null && !server.pause().isParked(client) && !client.outputBackpressure()) {
            client.readingPaused(false);
        }
    }

    /** Called by the cron: resumes clients whose pause ended. */
    void releasePaused() {
        for (Client client : server.pause().release(server.clock().millis())) {
            resume(client);
            client.markPending();
        }
    }
}
