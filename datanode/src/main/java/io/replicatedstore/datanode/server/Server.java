package io.replicatedstore.datanode.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.replicatedstore.datanode.command.CommandTable;
import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.persist.Persistence;
import io.replicatedstore.datanode.persist.aof.AppendOnlyFile;
import io.replicatedstore.datanode.replication.Replication;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.Keyspace;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The node's shared state, as Redis's {@code server} struct: configuration, keyspace, command
 * table, clients and the subsystems commands use. Everything here is touched only by the one
 * thread that executes commands (decision 1 of the design).
 */
public final class Server {

    public static final String VERSION = "7.0.15";

    private final Config config;
    private final Keyspace keyspace;
    private final CommandTable commands;
    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private final Set<Client> pendingFlush = new LinkedHashSet<>();
    private final PubSub pubsub = new PubSub(client -> this.clientLimits.checkOutput(client));
    private final WatchedKeys watches = new WatchedKeys();
    private final BlockingKeys blocking = new BlockingKeys();
    private final Stats stats = new Stats();
    private final SlowLog slowlog = new SlowLog();
    private final Set<Client> monitors = new LinkedHashSet<>();
    private final String runId;
    private final long startMs;
    private final Dispatcher dispatcher;
    private final ClientPause pause = new ClientPause();
    private final ClientLimits clientLimits = new ClientLimits(this, System::currentTimeMillis);
    private final Propagation propagation = new Propagation();
    private final Persistence persistence;
    private final AppendOnlyFile aof;
    private final Replication replication;
    private final Memory memory;
    private EventLoop eventLoop;
    private long nextClientId = 1;
    private long dirty;
    private Runnable shutdownHandler = () -> { };

    public Server(Config config, CommandTable commands) {
        this.config = config;
        this.commands = commands;
        this.keyspace = new Keyspace(config.databases.asInt(), System::currentTimeMillis);
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
        this.startMs = System.currentTimeMillis();
        this.dispatcher = new Dispatcher(this);
        this.persistence = new Persistence(this);
        this.aof = new AppendOnlyFile(this);
        this.replication = new Replication(this);
        this.memory = new Memory(this, System::nanoTime, Runtime.getRuntime().maxMemory());
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

    public CommandTable commands() {
        return commands;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
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

    public Persistence persistence() {
        return persistence;
    }

    public AppendOnlyFile aof() {
        return aof;
    }

    public Replication replication() {
        return replication;
    }

    /** Called before any client output is sent: what the AOF buffered reaches the file first. */
    public void beforeReplies() {
        aof.beforeReplies();
    }

    /** A client with no connection whose replies are discarded (commands replayed from the AOF). */
    public Client fakeClient() {
        return fakeClient(RespWriter.discarding());
    }

    /** A client with no connection whose replies go to {@code writer} (the commands a Lua script runs). */
    public Client fakeClient(RespWriter writer) {
        Client client = new Client(this, -1, null, writer, System.currentTimeMillis());
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
        Client client = new Client(this, nextClientId++, channel, writer, System.currentTimeMillis());
        clients.put(client.id(), client);
        stats.totalConnectionsReceived++;
        return client;
    }

    /** The client that applies our master's stream on a replica link (replies discarded, never refused). */
    public Client newMasterClient(Channel channel) {
        Client client = new Client(this, nextClientId++, channel, RespWriter.discarding(), System.currentTimeMillis());
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
        replication.replicaDisconnected(client);
        pubsub.removeClient(client);
        watches.unwatchAll(client);
        monitors.remove(client);
        pendingFlush.remove(client);
        pause.remove(client);
        dispatcher.unblock(client);
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
