package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.config.OutputBufferLimits;
import io.replicatedstore.datanode.config.OutputBufferLimits.Limit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What one client may hold: client-output-buffer-limit (and the small limit of a client that
 * has not authenticated), read backpressure for a client that does not read its replies,
 * client-query-buffer-limit, and maxmemory-clients. Also the memory all clients hold, and the
 * recent peaks INFO clients reports. Runs on the keyspace thread only.
 */
public final class ClientLimits {

    private static final Logger LOG = Logger.getLogger(ClientLimits.class.getName());

    /**
     * A client whose unsent output passes this stops being read (its next commands wait) until
     * the output drops below {@link #BACKPRESSURE_RESUME_BYTES}. Redis lets a client that does not
     * read grow without bound under {@code normal 0 0 0}; here that memory would be direct
     * buffers the JVM cannot give back in time, so one such client is bounded by this plus its
     * largest single reply. Large enough that a client reading its replies never waits on it:
     * loopback's socket buffers alone take a few MB before Netty holds anything.
     */
    static final long BACKPRESSURE_BYTES = 8L * 1024 * 1024;
    static final long BACKPRESSURE_RESUME_BYTES = BACKPRESSURE_BYTES / 2;
    /** An estimate of what a connection costs besides its buffers (Client, channel, pipeline, decoder). */
    static final long CLIENT_OVERHEAD_BYTES = 2048;
    /** Redis never lets maxmemory-clients go below 128 KiB, so a bad setting cannot lock everyone out. */
    static final long MIN_CLIENT_EVICTION_LIMIT = 128 * 1024;
    private static final int PEAK_SLOTS = 8;

    private final Server server;
    private final LongSupplier clock;
    private final long[] peakInput = new long[PEAK_SLOTS];
    private final long[] peakOutput = new long[PEAK_SLOTS];
    private long evictedClients;
    /** What normal and pub/sub clients hold, as last measured per client: their part of used_memory. */
    private long countedMemory;

    ClientLimits(Server server, LongSupplier clock) {
        this.server = server;
        this.clock = clock;
    }

    /** The class whose limits apply: masters and MONITORs are normal, as in Redis. */
    static OutputBufferLimits.Kind kind(Client client) {
        if (client.isReplica()) {
            return OutputBufferLimits.Kind.REPLICA;
        }
        if (!client.isMaster() && !client.isMonitor() && client.subscriptionCount() > 0) {
            return OutputBufferLimits.Kind.PUBSUB;
        }
        return OutputBufferLimits.Kind.NORMAL;
    }

    /** Closes the client (asynchronously) if its output is over its limits. Returns whether it did. */
    public boolean checkOutput(Client client) {
        if (client.channel() == null || client.isClosing()) {
            return false;
        }
        long used = client.outputMemory();
        if (used == 0 && client.softLimitSinceMs() == 0) {
            return false;
        }
        if (!client.authenticated() && used > OutputLimitCheck.UNAUTHENTICATED_LIMIT) {
            closeOverLimit(client);
            return true;
        }
        OutputBufferLimits.Kind kind = kind(client);
        Limit limit = server.config().clientOutputBufferLimit.get().of(kind);
        if (limit.hardBytes() == 0 && limit.softBytes() == 0) {
            client.softLimitSinceMs(0);
            return false; // no limit for its class (normal 0 0 0, the default): nothing to decide
        }
        if (kind == OutputBufferLimits.Kind.REPLICA) {
            limit = OutputLimitCheck.replicaLimit(limit, server.config().replBacklogSize.get());
        }
        OutputLimitCheck.Result result = OutputLimitCheck.check(used, limit, client.softLimitSinceMs(), clock.getAsLong());
        client.softLimitSinceMs(result.softSinceMs());
        if (result.close()) {
            closeOverLimit(client);
        }
        return result.close();
    }

    private void closeOverLimit(Client client) {
        LOG.warning("Client " + ClientDescriptions.line(client, clock.getAsLong(), null)
                + " scheduled to be closed ASAP for overcoming of output buffer limits.");
        client.closeAsync();
    }

    /**
     * After a command of the client's own: its limits, and backpressure when it holds much
     * unsent output (a replica's or our master's link is never paused: their output is the
     * stream, produced by others).
     */
    void afterCommand(Client client) {
        count(client);
        if (checkOutput(client) || client.isReplica() || client.isMaster()) {
            return;
        }
        if (client.outputMemory() > BACKPRESSURE_BYTES) {
            client.outputBackpressure(true);
            client.readingPaused(true);
        }
        long limit = clientEvictionLimit();
        if (limit > 0 && memory(client) >= limit) {
            evictClients(limit);
        }
    }

    /** A write completed for a client held back by backpressure: it resumes once enough left. */
    void outputDrained(Client client) {
        if (client.outputBackpressure() && client.outputMemory() <= BACKPRESSURE_RESUME_BYTES && !client.isClosing()) {
            client.outputBackpressure(false);
            // Not from inside the write's completion: the commands it sent meanwhile run as a task of their own.
            server.eventLoop().execute(() -> {
                if (!client.isClosing() && !client.outputBackpressure()) {
                    server.blockedClients().resume(client);
                    client.markPending();
                    server.flushPending();
                }
            });
        }
    }

    /** Whether a client's receive buffer is over client-query-buffer-limit; closes it if so. */
    boolean checkQueryBuffer(Client client, long bufferedBytes, Supplier<String> firstBytes) {
        if (client.isMaster() || client.isClosing() || bufferedBytes <= server.config().clientQueryBufferLimit.get()) {
            return false;
        }
        LOG.warning("Closing client that reached max query buffer length: "
                + ClientDescriptions.line(client, clock.getAsLong(), null) + " (qbuf initial bytes: " + firstBytes.get() + ")");
        client.closeAsync();
        return true;
    }

    /** From the cron: soft limits that have lasted too long, client eviction, and the recent peaks. */
    void cron() {
        long now = clock.getAsLong();
        int slot = (int) (now / 1000 % PEAK_SLOTS);
        // The slot after the current one is the oldest second: it starts over (Redis's clientsCron).
        int next = (slot + 1) % PEAK_SLOTS;
        peakInput[next] = 0;
        peakOutput[next] = 0;
        for (Client client : List.copyOf(server.clients())) {
            count(client);
            if (checkOutput(client)) {
                continue;
            }
            peakInput[slot] = Math.max(peakInput[slot], client.queryBufferBytes() + client.queryBufferFree());
            peakOutput[slot] = Math.max(peakOutput[slot], client.outputMemory());
        }
        long limit = clientEvictionLimit();
        if (limit > 0) {
            evictClients(limit);
        }
    }

    /** INFO clients' client_recent_max_input_buffer. */
    public long recentMaxInputBuffer() {
        long max = 0;
        for (long peak : peakInput) {
            max = Math.max(max, peak);
        }
        return max;
    }

    /** INFO clients' client_recent_max_output_buffer. */
    public long recentMaxOutputBuffer() {
        long max = 0;
        for (long peak : peakOutput) {
            max = Math.max(max, peak);
        }
        return max;
    }

    /** INFO stats' evicted_clients. */
    public long evictedClients() {
        return evictedClients;
    }

    public void resetStats() {
        evictedClients = 0;
    }

    // Memory

    /**
     * What clients hold in used_memory (Redis counts every client but its replicas): each client's
     * share is measured again after each of its commands and at every cron, as Redis does, so
     * reading the total costs nothing however many clients there are.
     */
    public long countedMemory() {
        return countedMemory;
    }

    private void count(Client client) {
        long now = client.isReplica() || client.isClosing() ? 0 : memory(client);
        countedMemory += now - client.countedMemory();
        client.countedMemory(now);
    }

    /** A client went away: its share leaves the total. */
    void removed(Client client) {
        countedMemory -= client.countedMemory();
        client.countedMemory(0);
    }

    /** What one client holds (CLIENT LIST's tot-mem): buffers in and out, arguments, the MULTI queue. */
    public static long memory(Client client) {
        return CLIENT_OVERHEAD_BYTES + client.queryBufferBytes() + client.queryBufferFree() + client.argvBytes()
                + client.multiBytes() + client.outputMemory();
    }

    /** What replica clients (true) or all other clients (false) hold: INFO's mem_clients_slaves and mem_clients_normal. */
    public long memoryOf(boolean replicas) {
        long total = 0;
        for (Client client : server.clients()) {
            if (client.isReplica() == replicas) {
                total += memory(client);
            }
        }
        return total;
    }

    /** maxmemory-clients in bytes (a percentage of maxmemory), at least 128 KiB; 0 when off. */
    long clientEvictionLimit() {
        long configured = server.config().maxmemoryClients.get();
        if (configured == 0 || (configured < 0 && server.config().maxmemory.get() == 0)) {
            return 0;
        }
        return Math.max(MIN_CLIENT_EVICTION_LIMIT, server.config().maxmemoryClients.bytes(server.config().maxmemory.get()));
    }

    private static boolean evictable(Client client) {
        if (client.noEvict() || client.isClosing() || client.channel() == null) {
            return false;
        }
        OutputBufferLimits.Kind kind = kind(client);
        return !client.isMaster() && (kind == OutputBufferLimits.Kind.NORMAL || kind == OutputBufferLimits.Kind.PUBSUB);
    }

    /** Closes the clients holding the most memory until normal and pub/sub clients hold less than {@code limit}. */
    private void evictClients(long limit) {
        List<Client> candidates = new ArrayList<>();
        long total = 0;
        for (Client client : server.clients()) {
            OutputBufferLimits.Kind kind = kind(client);
            if (!client.isClosing() && !client.isMaster() && kind != OutputBufferLimits.Kind.REPLICA) {
                total += memory(client);
            }
            if (evictable(client)) {
                candidates.add(client);
            }
        }
        if (total < limit) {
            return;
        }
        candidates.sort(Comparator.comparingLong(ClientLimits::memory).reversed());
        for (Client client : candidates) {
            if (total < limit) {
                return;
            }
            total -= memory(client);
            LOG.info("Evicting client: " + ClientDescriptions.line(client, clock.getAsLong(), null));
            evictedClients++;
            client.closeAsync();
        }
        LOG.warning("Over client maxmemory after evicting all evictable clients");
    }
}
