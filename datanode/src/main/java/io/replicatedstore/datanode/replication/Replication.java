package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.config.SpecialOptions.MasterAddress;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.persist.Persistence;
import io.replicatedstore.datanode.persist.ReplicationHistory;
import io.replicatedstore.datanode.persist.aof.AppendOnlyFile;
import io.replicatedstore.datanode.persist.rdb.RdbWriteOptions;
import io.replicatedstore.datanode.resp.PropagationEncoder;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.PropagationListener;
import io.replicatedstore.datanode.server.Server;
import io.replicatedstore.datanode.util.LogFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A node's replication, both roles (Redis's replication.c): the replication id and offset, the
 * backlog, the stream to replicas, and, on a replica, the link to its master. Commands the node
 * executes reach replicas through {@link #propagate} on a master; on a replica the master's
 * stream is applied and passed on byte for byte ({@link #feedFromMaster}), so sub-replicas share
 * the master's ids and offsets. Used only on the keyspace thread.
 */
public final class Replication implements PropagationListener, ReplicationHistory {

    private static final Logger LOG = Logger.getLogger(Replication.class.getName());
    private static final byte[][] PING = {bytes("PING")};
    private static final byte[][] GETACK = {bytes("REPLCONF"), bytes("GETACK"), bytes("*")};

    private final Server server;
    private final Persistence persistence;
    private final AppendOnlyFile aof;
    private final ReplicationIds ids = new ReplicationIds();
    private final PropagationEncoder encoder = new PropagationEncoder();
    private final List<ConnectedReplica> replicas = new ArrayList<>();
    private final FullResyncs fullResyncs;
    private final WaitingClients waiting;
    private final Failover failover;
    private ReplicationBacklog backlog;
    /** master_repl_offset: kept when the backlog is freed, so offsets never go back. */
    private long offset;
    private MasterLink link;
    private long noReplicasSinceMs;
    private long cronLoops;
    private boolean getAckRequested;
    private boolean listening;
    private int restoredStreamDb = -1;
    long syncFull;
    long syncPartialOk;
    long syncPartialErr;

    public Replication(Server server, Persistence persistence, AppendOnlyFile aof) {
        this.server = server;
        this.persistence = persistence;
        this.aof = aof;
        this.noReplicasSinceMs = server.clock().millis();
        this.fullResyncs = new FullResyncs(server, this);
        this.waiting = new WaitingClients(server, this);
        this.failover = new Failover(server, this);
    }

    /** Starts the once-a-second replication cron and, when configured, the link to a master. */
    public void start() {
        MasterAddress master = server.config().replicaof.get();
        if (master != null) {
            becomeReplica(master.host(), master.port());
        }
        server.eventLoop().scheduleAtFixedRate(this::cron, 1, 1, TimeUnit.SECONDS);
    }

    // State

    Persistence persistence() {
        return persistence;
    }

    AppendOnlyFile aof() {
        return aof;
    }

    public ReplicationIds ids() {
        return ids;
    }

    public long offset() {
        return offset;
    }

    public ReplicationBacklog backlog() {
        return backlog;
    }

    public boolean isReplica() {
        return link != null;
    }

    public MasterLink link() {
        return link;
    }

    public List<ConnectedReplica> replicas() {
        return Collections.unmodifiableList(replicas);
    }

    public Failover failover() {
        return failover;
    }

    public long syncFull() {
        return syncFull;
    }

    public long syncPartialOk() {
        return syncPartialOk;
    }

    public long syncPartialErr() {
        return syncPartialErr;
    }

    /** CONFIG RESETSTAT. */
    public void resetStats() {
        syncFull = 0;
        syncPartialOk = 0;
        syncPartialErr = 0;
    }

    /** The history the RDB being written belongs to (repl-id, repl-offset, repl-stream-db), or null. */
    @Override
    public RdbWriteOptions.Replication rdbSaveInfo() {
        if (backlog == null && link == null) {
            return null;
        }
        // A replica's sub-replicas continue its master's stream, in the database it has selected.
        int streamDb = link != null ? Math.max(0, link.streamDb()) : 0;
        return new RdbWriteOptions.Replication(streamDb, ids.replid(), offset);
    }

    /** The RDB loaded at start recorded a history: continue it, so a restarted node can partially resync. */
    @Override
    public void restoreHistory(String replid, long restoredOffset, int streamDb) {
        restoredStreamDb = streamDb;
        ids.replid(replid);
        ids.clearSecondary();
        offset = restoredOffset;
        backlog = new ReplicationBacklog(backlogSize(), offset);
        updateListening();
        LOG.info("Restored replication id " + replid + " and offset " + restoredOffset + " from the RDB file");
    }

    // The stream

    /**
     * A master with a backlog takes the command stream; otherwise it stays off the propagation
     * listeners, so a node without replicas does no propagation work for them.
     */
    private void updateListening() {
        boolean want = link == null && backlog != null;
        if (want != listening) {
            listening = want;
            if (want) {
                encoder.reset();
                server.propagation().addListener(this);
            } else {
                server.propagation().removeListener(this);
            }
        }
    }

    /** Commands this node executed, as a master: encoded once, to the backlog and every replica. */
    @Override
    public void propagate(int db, byte[][] argv) {
        if (link != null || backlog == null) {
            return; // a replica passes on its master's bytes instead; no backlog, no stream
        }
        // Encode first: encodeToBuffer may replace the buffer with a larger one, and arguments are
        // evaluated left to right, so feed(encoder.buffer(), 0, encoder.encodeToBuffer(...)) passed
        // the old, smaller array and every command larger than any before was dropped.
        int length = encoder.encodeToBuffer(db, argv);
        feed(encoder.buffer(), 0, length);
    }

    @Override
    public boolean isReplication() {
        return true;
    }

    /** Bytes the master sent (a whole command or transaction), already applied: passed on unchanged. */
    void feedFromMaster(byte[] bytes, int off, int len) {
        if (backlog == null) {
            backlog = new ReplicationBacklog(backlogSize(), offset);
        }
        feed(bytes, off, len);
    }

    /** The stream's bytes, encoded once: copied into the backlog and each replica's output, not kept. */
    private void feed(byte[] bytes, int off, int len) {
        backlog.append(bytes, off, len);
        offset = backlog.masterOffset();
        for (ConnectedReplica replica : replicas) {
            replica.stream(bytes, off, len);
        }
    }

    /** Writes a command into the stream without a SELECT (PING, REPLCONF GETACK), as replicationFeedSlaves with the current db. */
    private void feedControl(byte[][] argv) {
        if (backlog == null) {
            return;
        }
        byte[] bytes = PropagationEncoder.command(argv);
        feed(bytes, 0, bytes.length);
    }

    /** The offset a new full resync starts from; SELECT is sent again after it. */
    long snapshotPoint() {
        encoder.reset();
        return offset;
    }

    // Master side: SYNC, PSYNC, REPLCONF

    /** PSYNC replid offset [FAILOVER], or SYNC ({@code replid} null). */
    public void sync(Client client, String replid, long psyncOffset, boolean failoverRequest) {
        ConnectedReplica existing = (ConnectedReplica) client.replica();
        if (existing != null && existing.synced()) {
            return; // already a replica: ignore
        }
        if (failoverRequest) {
            if (link == null || !ids.replid().equalsIgnoreCase(replid)) {
                throw new RedisException("ERR PSYNC FAILOVER replid must match my replid.");
            }
            LOG.info("Failover request received for replid " + replid + ".");
            becomeMaster("failover request from '" + client.address() + "'");
        }
        if (link != null && !link.connected()) {
            throw new RedisException("NOMASTERLINK Can't SYNC while not connected with my master");
        }
        client.flushNow(); // replies to earlier requests go before what follows on the socket
        if (server.config().replDisableTcpNodelay.get() && client.channel() != null) {
            // Fewer, bigger packets to replicas, at the price of some lag (Redis's repl-disable-tcp-nodelay).
            client.channel().config().setOption(io.netty.channel.ChannelOption.TCP_NODELAY, false);
        }
        ConnectedReplica replica = existing != null ? existing : new ConnectedReplica(client);
        client.replica(replica);
        if (replid == null) {
            replica.oldSync(true);
        } else {
            PsyncDecision decision = ids.decide(replid, psyncOffset, backlog);
            if (decision.isContinue()) {
                continuePartial(replica, decision.replid(), psyncOffset);
                return;
            }
            if (!replid.equals(ReplicationIds.FORCE_FULL_RESYNC_REPLID)) {
                syncPartialErr++;
                LOG.info("Partial resynchronization not accepted (" + decision.reason() + "): replica asked for "
                        + replid + ":" + psyncOffset + ", my replication IDs are '" + ids.replid() + "' and '"
                        + ids.replid2() + "', my offset " + offset);
            } else {
                LOG.info("Full resync requested by replica " + client.address());
            }
        }
        syncFull++;
        if (backlog == null) {
            // A new history: nothing before it can be continued (Redis's createReplicationBacklog on first replica).
            ids.changeReplid();
            ids.clearSecondary();
            backlog = new ReplicationBacklog(backlogSize(), offset);
            LOG.info("Replication backlog created, my new replication IDs are '" + ids.replid() + "' and '"
                    + ids.replid2() + "'");
            updateListening();
        }
        replicas.add(replica);
        fullResyncs.request(replica);
    }

    private void continuePartial(ConnectedReplica replica, String replid, long psyncOffset) {
        replica.state(ConnectedReplica.State.ONLINE);
        replicas.add(replica);
        syncPartialOk++;
        replica.writeDirect(replica.capaPsync2() ? "+CONTINUE " + replid + "\r\n" : "+CONTINUE\r\n");
        ByteArrayOutputStream missing = new ByteArrayOutputStream();
        try {
            backlog.copyFrom(psyncOffset, missing);
        } catch (IOException e) {
            throw new AssertionError(e); // in memory
        }
        replica.goOnline(server.clock().millis(), false);
        if (missing.size() > 0) {
            replica.stream(missing.toByteArray(), 0, missing.size());
        }
        LOG.info("Partial resynchronization request from " + replica.client().address() + " accepted. Sending "
                + missing.size() + " bytes of backlog starting from offset " + psyncOffset + ".");
    }

    /** REPLCONF's options; returns false when nothing is to be replied (ACK). */
    public boolean replconf(Client client, byte[][] argv) {
        for (int i = 1; i + 1 < argv.length; i += 2) {
            String option = new String(argv[i], StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
            String value = new String(argv[i + 1], StandardCharsets.UTF_8);
            switch (option) {
                case "listening-port" -> handshake(client).listeningPort(parsePort(value));
                case "ip-address" -> handshake(client).announcedIp(value);
                case "capa" -> handshake(client).capa(value);
                case "ack" -> {
                    ConnectedReplica replica = (ConnectedReplica) client.replica();
                    if (replica != null && replica.synced()) {
                        replica.ack(parseOffset(value), server.clock().millis());
                        waiting.acked();
                        failover.acked();
                    }
                    return false;
                }
                case "getack" -> {
                    if (client.isMaster() && link != null) {
                        link.sendAck();
                    }
                    return false;
                }
                case "rdb-only" -> {
                    // a tool asking for just the RDB (redis-cli --rdb); handled as a normal replica
                }
                default -> throw new RedisException("ERR Unrecognized REPLCONF option: " + option);
            }
        }
        return true;
    }

    private static ConnectedReplica handshake(Client client) {
        if (client.replica() == null) {
            client.replica(new ConnectedReplica(client));
        }
        return (ConnectedReplica) client.replica();
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new RedisException("ERR value is not an integer or out of range");
        }
    }

    private static long parseOffset(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A replica's connection closed. */
    public void replicaDisconnected(Client client) {
        ConnectedReplica replica = (ConnectedReplica) client.replica();
        if (replica != null && replicas.remove(replica)) {
            LOG.info("Connection with replica " + replica.ip() + ":" + replica.listeningPort() + " lost.");
            if (replicas.isEmpty()) {
                noReplicasSinceMs = server.clock().millis();
            }
        }
    }

    /** Closes every replica's connection: they reconnect and learn of a new history (disconnectSlaves). */
    void disconnectReplicas() {
        for (ConnectedReplica replica : List.copyOf(replicas)) {
            replica.client().kill();
        }
    }

    // Good replicas (min-replicas-to-write) and WAIT

    /** Online replicas that acknowledged within min-replicas-max-lag seconds. */
    public int goodReplicas() {
        long now = server.clock().millis();
        long maxLagMs = server.config().minReplicasMaxLag.get() * 1000;
        int good = 0;
        for (ConnectedReplica replica : replicas) {
            if (replica.state() == ConnectedReplica.State.ONLINE && now - replica.ackTimeMs() <= maxLagMs) {
                good++;
            }
        }
        return good;
    }

    /** Whether min-replicas-to-write refuses writes now. */
    public boolean notEnoughGoodReplicas() {
        long min = server.config().minReplicasToWrite.get();
        return link == null && min > 0 && server.config().minReplicasMaxLag.get() > 0 && goodReplicas() < min;
    }

    /** Replicas whose acknowledged offset reached {@code target}. */
    public int replicasAcked(long target) {
        int count = 0;
        for (ConnectedReplica replica : replicas) {
            if (replica.state() == ConnectedReplica.State.ONLINE && replica.ackOffset() >= target) {
                count++;
            }
        }
        return count;
    }

    public WaitingClients waiting() {
        return waiting;
    }

    /** Asks every replica for its offset before the event loop next waits (replicationRequestAckFromSlaves). */
    void requestAcks() {
        if (!getAckRequested) {
            getAckRequested = true;
            server.eventLoop().execute(() -> {
                getAckRequested = false;
                if (link == null && backlog != null) {
                    offsetBeforeGetack = offset;
                    feedControl(GETACK);
                    offsetAfterGetack = offset;
                    server.flushPending();
                }
            });
        }
    }

    private long offsetBeforeGetack = -1;
    private long offsetAfterGetack = -1;

    /**
     * Whether a replica has all we have. Its answer to GETACK counts the bytes before the GETACK
     * (as Redis's does), so when nothing but that GETACK followed, it is caught up too.
     */
    boolean caughtUp(ConnectedReplica replica) {
        long ack = replica.ackOffset();
        return ack == offset || (ack == offsetBeforeGetack && offset == offsetAfterGetack);
    }

    // Roles

    /** REPLICAOF host port: (re)connects to that master in the background. */
    public void becomeReplica(String host, int port) {
        failover.abortQuietly();
        connectTo(host, port);
    }

    /** FAILOVER's last step: follow the target, whose PSYNC FAILOVER makes it master. */
    void becomeReplicaForFailover(String host, int port) {
        connectTo(host, port);
    }

    private void connectTo(String host, int port) {
        boolean wasMaster = link == null;
        if (link != null) {
            link.close();
        }
        if (wasMaster) {
            fullResyncs.cancel();
            waiting.unblockAll("UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)");
            server.blockedClients().unblockAllBlocked(
                    "UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)");
        }
        // Our replicas learn of the change by reconnecting; they may continue partially.
        disconnectReplicas();
        server.config().replicaof.setValue(new MasterAddress(host, port));
        server.keyspace().deletesExpiredKeys(false);
        link = new MasterLink(server, this, host, port, restoredStreamDb);
        restoredStreamDb = -1;
        updateListening();
        LogFormat.replica(true);
        LOG.info("Connecting to MASTER " + host + ":" + port);
        link.connect();
    }

    /** REPLICAOF NO ONE: keeps the data, starts a new history that continues the old one (PSYNC2). */
    public void becomeMaster(String why) {
        if (link == null) {
            return;
        }
        link.close();
        link = null;
        LogFormat.replica(false);
        server.config().replicaof.setValue(null);
        ids.shift(offset);
        if (backlog == null) {
            backlog = new ReplicationBacklog(backlogSize(), offset);
        }
        updateListening();
        encoder.reset();
        disconnectReplicas(); // they reconnect and continue under replid2
        server.keyspace().deletesExpiredKeys(true);
        noReplicasSinceMs = server.clock().millis();
        LOG.info("Setting secondary replication ID to " + ids.replid2() + ", valid up to offset: "
                + ids.secondReplOffset() + ". New replication ID is " + ids.replid());
        LOG.info("MASTER MODE enabled (" + why + ")");
    }

    /** The link finished a full resync: the master's history and offset are ours now. */
    void adoptMasterHistory(String replid, long masterOffset) {
        ids.replid(replid);
        ids.clearSecondary();
        offset = masterOffset;
        backlog = new ReplicationBacklog(backlogSize(), offset);
    }

    /** The master continued us under a new id (it was promoted): the old one stays valid up to here. */
    void masterChangedId(String replid) {
        ids.continueAs(replid, offset);
        disconnectReplicas();
        LOG.info("Master replication ID changed to " + replid);
    }

    /** A full resync failed while loading: the dataset is gone, so is the history. */
    void historyLost() {
        ids.changeReplid();
        ids.clearSecondary();
        backlog = null;
    }

    /** What PSYNC asks for: continue our history, or "?" when we have none. */
    String[] psyncArguments() {
        if (backlog == null) {
            return new String[] {ReplicationIds.FORCE_FULL_RESYNC_REPLID, "-1"};
        }
        return new String[] {ids.replid(), Long.toString(offset + 1)};
    }

    void disconnectReplicasForFullSync() {
        disconnectReplicas();
    }

    int backlogSize() {
        return (int) Math.min(Integer.MAX_VALUE - 8, server.config().replBacklogSize.get());
    }

    // Cron

    private void cron() {
        try {
            long now = server.clock().millis();
            cronLoops++;
            if (link != null) {
                link.cron(now);
            }
            if (backlog != null && backlog.capacity() != backlogSize()) {
                backlog.resize(backlogSize());
            }
            masterCron(now);
            failover.cron(now);
            server.flushPending();
        } catch (RuntimeException e) {
            LOG.log(java.util.logging.Level.WARNING, "Replication cron failed", e);
        }
    }

    private void masterCron(long now) {
        long pingPeriod = server.config().replPingReplicaPeriod.get();
        if (link == null && !replicas.isEmpty() && cronLoops % pingPeriod == 0 && !failover.inProgress()) {
            feedControl(PING);
        }
        // Replicas waiting for their RDB get a newline now and then, so they do not time out.
        for (ConnectedReplica replica : replicas) {
            boolean preparing = replica.state() == ConnectedReplica.State.WAIT_BGSAVE_START
                    || (replica.state() == ConnectedReplica.State.WAIT_BGSAVE_END && !replica.diskless());
            if (preparing) {
                replica.writeDirect(new byte[] {'\n'});
            }
        }
        long timeoutMs = server.config().replTimeout.get() * 1000;
        for (ConnectedReplica replica : List.copyOf(replicas)) {
            if (replica.state() == ConnectedReplica.State.ONLINE && !replica.oldSync()
                    && now - replica.ackTimeMs() > timeoutMs) {
                LOG.warning("Disconnecting timedout replica (streaming sync): " + replica.ip() + ":"
                        + replica.listeningPort());
                replica.client().kill();
            }
        }
        long ttl = server.config().replBacklogTtl.get();
        if (link == null && replicas.isEmpty() && ttl > 0 && backlog != null && now - noReplicasSinceMs > ttl * 1000) {
            // A history nobody can continue any more: forget it, as Redis does.
            ids.changeReplid();
            ids.clearSecondary();
            backlog = null;
            updateListening();
            LOG.info("Replication backlog freed after " + ttl + " seconds without connected replicas.");
        }
        fullResyncs.startIfDue(now);
        waiting.cron(now);
    }

    /** The node is stopping. */
    public void close() {
        fullResyncs.cancel();
        if (link != null) {
            link.close();
        }
    }

    public boolean fullResyncInProgress() {
        return fullResyncs.inProgress();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
