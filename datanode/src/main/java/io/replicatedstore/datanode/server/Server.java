package io.replicatedstore.datanode.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.Keyspace;
import io.replicatedstore.datanode.util.Clock;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The node's shared state, as Redis's {@code server} struct: configuration, clock, keyspace,
 * clients and what serves them. Everything here is touched only by the one thread that executes
 * commands (decision 1 of the design). It knows nothing of commands, replication or persistence:
 * those are wired above it ({@code DataNode}) and hook in through {@link #processor},
 * {@link #beforeReplies(Runnable)}, {@link #onClientRemoved} and {@link #cronTask}.
 */
public final class Server {

    public static final String VERSION = "7.0.15";

    private final Config config;
    private final Clock clock;
    private final Keyspace keyspace;
    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private final Set<Client> pendingFlush = new LinkedHashSet<>();
    private final PubSub pubsub = new PubSub(client -> clientLimits().checkOutput(client));
    private final WatchedKeys watches = new WatchedKeys();
    private final BlockingKeys blocking = new BlockingKeys();
    private final Stats stats = new Stats();
    private final SlowLog slowlog = new SlowLog();
    private final Set<Client> monitors = new LinkedHashSet<>();
    private final String runId;
    private final long startMs;
    private final ClientPause pause;
    private final BlockedClients blockedClients = new BlockedClients(this);
    private final ClientLimits clientLimits;
    private final Propagation propagation = new Propagation();
    private final Memory memory;
    private final List<Runnable> beforeReplies = new ArrayList<>();
    private final List<Consumer<Client>> clientRemoved = new ArrayList<>();
    private final List<LongConsumer> cronTasks = new ArrayList<>();
    private CommandProcessor processor;
    private EventLoop eventLoop;
    private long nextClientId = 1;
    private long dirty;
    private Runnable shutdownHandler = () -> { };

    public Server(Config config) {
        this(config, Clock.SYSTEM);
    }

    public Server(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.pause = new ClientPause(clock);
        this.clientLimits = new ClientLimits(this, clock::millis);
        this.keyspace = new Keyspace(config.databases.asInt(), clock);
        this.keyspace.listener((db, key) -> {
            watches.touch(db, key);
            dirty++;
            if (propagation.active()) {
                propagation.keyExpired(db.id(), key);
            }
        });
        byte[] id = new byte[20];
        new SecureRandom().nextBytes(id);
        this.runId = HexFormat.of().formatHex(id);
        this.startMs = clock.millis();
        this.memory = new Memory(this, clock::nanos, Runtime.getRuntime().maxMemory());
        this.memory.clientBuffers(clientLimits::countedMemory);
    }

    /** The node's time; everything that reads the time reads it here. */
    public Clock clock() {
        return clock;
    }

    /** Memory accounting, maxmemory and eviction. */
    public Memory memory() {
        return memory;
    }

    public Config config() {
        return config;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    /** What runs the commands clients send (the command layer's Dispatcher). */
    public CommandProcessor processor() {
        return processor;
    }

    public void processor(CommandProcessor value) {
        this.processor = value;
    }

    /** Clients waiting on keys, on WAIT, or held by CLIENT PAUSE. */
    public BlockedClients blockedClients() {
        return blockedClients;
    }

    public PubSub pubsub() {
        return pubsub;
    }

    public WatchedKeys watches() {
        return watches;
    }

    public BlockingKeys blocking() {
        return blocking;
    }

    public Stats stats() {
        return stats;
    }

    public SlowLog slowlog() {
        return slowlog;
    }

    public ClientPause pause() {
        return pause;
    }

    /** Output, query buffer and memory limits of clients; INFO's mem_clients_* come from it. */
    public ClientLimits clientLimits() {
        return clientLimits;
    }

    /** The command stream for the AOF and replicas. */
    public Propagation propagation() {
        return propagation;
    }

    /** Runs {@code task} before any client output is sent (the AOF writes what it buffered). */
    public void beforeReplies(Runnable task) {
        beforeReplies.add(task);
    }

    /** Called before any client output is sent. */
    public void beforeReplies() {
        for (Runnable task : beforeReplies) {
            task.run();
        }
    }

    /** Tells {@code listener} of every client that goes (replication forgets its replicas). */
    public void onClientRemoved(Consumer<Client> listener) {
        clientRemoved.add(listener);
    }

    /** Runs {@code task} on every cron tick, with the tick's time in unix ms, in the order added. */
    public void cronTask(LongConsumer task) {
        cronTasks.add(task);
    }

    List<LongConsumer> cronTasks() {
        return cronTasks;
    }

    /** A client with no connection whose replies are discarded (commands replayed from the AOF). */
    public Client fakeClient() {
        return fakeClient(RespWriter.discarding());
    }

    /** A client with no connection whose replies go to {@code writer} (the commands a Lua script runs). */
    public Client fakeClient(RespWriter writer) {
        Client client = new Client(this, -1, null, writer, clock.millis());
        client.authenticated(true);
        return client;
    }

    public String runId() {
        return runId;
    }

    public long startMs() {
        return startMs;
    }

    public EventLoop eventLoop() {
        return eventLoop;
    }

    void eventLoop(EventLoop loop) {
        this.eventLoop = loop;
    }

    /** Changes since the last save (rdb_changes_since_last_save), and the propagation trigger. */
    public long dirty() {
        return dirty;
    }

    public void addDirty(long changes) {
        dirty += changes;
    }

    public void resetDirty() {
        dirty = 0;
    }

    // Clients

    Client newClient(Channel channel, RespWriter writer) {
        Client client = new Client(this, nextClientId++, channel, writer, clock.millis());
        clients.put(client.id(), client);
        stats.totalConnectionsReceived++;
        return client;
    }

    /** The client that applies our master's stream on a replica link (replies discarded, never refused). */
    public Client newMasterClient(Channel channel) {
        Client client = new Client(this, nextClientId++, channel, RespWriter.discarding(), clock.millis());
        client.authenticated(true);
        client.master(true);
        clients.put(client.id(), client);
        return client;
    }

    /** The replica link ended: its master client goes. */
    public void removeMasterClient(Client client) {
        client.kill();
        if (clients.containsKey(client.id())) {
            removeClient(client);
        }
    }

    void removeClient(Client client) {
        client.removed();
        clients.remove(client.id());
        clientLimits.removed(client);
        for (Consumer<Client> listener : clientRemoved) {
            listener.accept(client);
        }
        pubsub.removeClient(client);
        watches.unwatchAll(client);
        monitors.remove(client);
        pendingFlush.remove(client);
        pause.remove(client);
        blockedClients.unblock(client);
        client.writer().release();
    }

    public Collection<Client> clients() {
        return Collections.unmodifiableCollection(clients.values());
    }

    public Client client(long id) {
        return clients.get(id);
    }

    public int clientCount() {
        return clients.size();
    }

    public Set<Client> monitors() {
        return monitors;
    }

    void markPending(Client client) {
        pendingFlush.add(client);
    }

    /**
     * Sends every pending client's replies once the event loop has handled all the reads that
     * are ready now, as Redis's beforeSleep does: the AOF is written once for all of them, and
     * each client gets one write however many of its requests were in the batch.
     */
    void flushAfterReads(Client client) {
        pendingFlush.add(client);
        if (!flushScheduled) {
            flushScheduled = true;
            eventLoop.execute(flushTask);
        }
    }

    private boolean flushScheduled;
    private final Runnable flushTask = () -> {
        flushScheduled = false;
        flushPending();
    };

    /** Sends the output pending clients got (their own replies, pub/sub, unblocking, monitors). */
    public void flushPending() {
        if (pendingFlush.isEmpty()) {
            return;
        }
        // The one place replies leave: the AOF is written (and fsynced for "always") first.
        beforeReplies();
        Client[] pending = pendingFlush.toArray(new Client[0]);
        pendingFlush.clear();
        for (Client client : pending) {
            client.flush();
        }
    }

    // Shutdown

    public void onShutdown(Runnable handler) {
        this.shutdownHandler = handler;
    }

    public void shutdown() {
        shutdownHandler.run();
    }
}
