package io.replicatedstore.datanode.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.replicatedstore.datanode.resp.RespCommandDecoder;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.Bytes;
import io.replicatedstore.datanode.store.Database;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A connection's state, as Redis's client struct: selected database, protocol, name, auth,
 * transaction queue, subscriptions, blocking state. Only the keyspace thread touches it.
 */
public final class Client {

    /** Why a blocked client is waiting; kept so the command can be re-run when a key is ready. */
    public record Blocked(byte[][] argv, List<byte[]> keys, Database db, long deadlineMs,
                          io.netty.util.concurrent.ScheduledFuture<?> timeout, Runnable onTimeout) {
    }

    private final long id;
    private final Channel channel;
    private final RespWriter writer;
    private final long createdMs;
    private final Server server;
    private RespCommandDecoder decoder;

    private Database db;
    private String name = "";
    private String user = "default";
    private boolean authenticated;
    private long lastInteractionMs;
    private String lastCommand = "NULL";
    private boolean closeAfterReply;
    private boolean closed;
    private boolean noEvict;
    private ReplyMode replyMode = ReplyMode.ON;

    /** CLIENT REPLY: ON, OFF, or SKIP_NEXT (set by SKIP) which becomes SKIP for the next command. */
    public enum ReplyMode { ON, OFF, SKIP_NEXT, SKIP }
    private boolean monitor;
    /** This node's master, sending its replication stream (Redis's CLIENT_MASTER). */
    private boolean master;
    /** Set once the connection sent REPLCONF or (P)SYNC: it is (becoming) our replica. */
    private ReplicaState replica;
    /** master_repl_offset after this client's last write (WAIT waits for it). */
    private long writeOffset;
    /** What this client last added to the normal clients' total in used_memory (ClientLimits). */
    private long countedMemory;

    // MULTI/EXEC: null when not in a transaction.
    private List<byte[][]> multiQueue;
    private long multiBytes;
    private boolean multiAborted;
    private boolean watchedKeyTouched;
    private final Set<WatchedKeys.Key> watched = new HashSet<>();

    // Pub/Sub
    private final Set<Bytes> channels = new HashSet<>();
    private final Set<Bytes> patterns = new HashSet<>();

    private Blocked blocked;

    // Output accounting (client-output-buffer-limit, CLIENT LIST's omem, maxmemory-clients)
    /** Bytes handed to the channel and not yet written to the socket (Netty's outbound buffer holds them). */
    private long inFlightBytes;
    /** Writes handed to the channel and not yet completed (CLIENT LIST's oll counts them). */
    private int inFlightWrites;
    /** When the output went over its class's soft limit (0: it is not over). */
    private long softLimitSinceMs;
    /** Reading stopped until the client reads its replies (see {@link ClientLimits}). */
    private boolean outputBackpressure;
    /** Bytes of the request being run (CLIENT LIST's qbuf shows the command being run). */
    private int currentRequestBytes;
    private long currentArgvBytes;

    /** Commands that arrived while the client was blocked or paused, run in order afterwards. */
    private final Deque<byte[][]> deferred = new ArrayDeque<>();

    Client(Server server, long id, Channel channel, RespWriter writer, long nowMs) {
        this.server = server;
        this.id = id;
        this.channel = channel;
        this.writer = writer;
        this.createdMs = nowMs;
        this.lastInteractionMs = nowMs;
        this.db = server.keyspace().db(0);
    }

    public long id() {
        return id;
    }

    public Channel channel() {
        return channel;
    }

    public RespWriter writer() {
        return writer;
    }

    public Server server() {
        return server;
    }

    void decoder(RespCommandDecoder decoder) {
        this.decoder = decoder;
    }

    public Database db() {
        return db;
    }

    public void select(int index) {
        this.db = server.keyspace().db(index);
    }

    public int protocol() {
        return writer.protocol();
    }

    public void protocol(int version) {
        writer.protocol(version);
    }

    public String name() {
        return name;
    }

    public void name(String name) {
        this.name = name;
    }

    public String user() {
        return user;
    }

    public boolean authenticated() {
        return authenticated;
    }

    public void authenticated(boolean authenticated) {
        this.authenticated = authenticated;
        if (decoder != null) {
            decoder.setAuthenticated(authenticated);
        }
    }

    public long createdMs() {
        return createdMs;
    }

    public long lastInteractionMs() {
        return lastInteractionMs;
    }

    public void touch(long nowMs, String command) {
        this.lastInteractionMs = nowMs;
        this.lastCommand = command;
    }

    public String lastCommand() {
        return lastCommand;
    }

    public ReplyMode replyMode() {
        return replyMode;
    }

    public void replyMode(ReplyMode mode) {
        this.replyMode = mode;
    }

    public boolean noEvict() {
        return noEvict;
    }

    public void noEvict(boolean noEvict) {
        this.noEvict = noEvict;
    }

    public boolean isMonitor() {
        return monitor;
    }

    public void monitor(boolean monitor) {
        this.monitor = monitor;
    }

    // Replication

    public boolean isMaster() {
        return master;
    }

    void master(boolean value) {
        this.master = value;
    }

    public ReplicaState replica() {
        return replica;
    }

    public void replica(ReplicaState value) {
        this.replica = value;
    }

    /** A replica in the sense of CLIENT LIST (flag S) and CLIENT KILL TYPE replica. */
    public boolean isReplica() {
        return replica != null && replica.synced();
    }

    public long writeOffset() {
        return writeOffset;
    }

    public void writeOffset(long offset) {
        this.writeOffset = offset;
    }

    /** Sends the replies written so far at once (before writing to the socket directly, as PSYNC does). */
    public void flushNow() {
        flush();
    }

    // Transactions

    public boolean inMulti() {
        return multiQueue != null;
    }

    public void startMulti() {
        multiQueue = new ArrayList<>();
        multiBytes = 0;
        multiAborted = false;
    }

    /** Queues a command for EXEC, counting its arguments' bytes as it goes. */
    public void queue(byte[][] argv) {
        multiQueue.add(argv);
        for (byte[] arg : argv) {
            multiBytes += arg.length;
        }
    }

    public List<byte[][]> multiQueue() {
        return multiQueue;
    }

    /** Leaves MULTI state (after EXEC or DISCARD) and forgets watched keys. */
    public void endMulti() {
        multiQueue = null;
        multiBytes = 0;
        multiAborted = false;
        server.watches().unwatchAll(this);
        watchedKeyTouched = false;
    }

    /** A queued command had an error: EXEC will answer EXECABORT. */
    public void abortMulti() {
        multiAborted = true;
    }

    public boolean multiAborted() {
        return multiAborted;
    }

    /**
     * Bytes of the arguments of the commands queued by MULTI (CLIENT LIST's multi-mem), kept as
     * they are queued: the cron reads it for every client, whatever the length of its queue.
     */
    public long multiBytes() {
        return multiBytes;
    }

    long countedMemory() {
        return countedMemory;
    }

    void countedMemory(long bytes) {
        this.countedMemory = bytes;
    }

    public Set<WatchedKeys.Key> watched() {
        return watched;
    }

    public boolean watchedKeyTouched() {
        return watchedKeyTouched;
    }

    void watchedKeyTouched(boolean touched) {
        this.watchedKeyTouched = touched;
    }

    // Pub/Sub

    public Set<Bytes> channels() {
        return channels;
    }

    public Set<Bytes> patterns() {
        return patterns;
    }

    public int subscriptionCount() {
        return channels.size() + patterns.size();
    }

    // Blocking

    public Blocked blocked() {
        return blocked;
    }

    void blocked(Blocked blocked) {
        this.blocked = blocked;
    }

    public Deque<byte[][]> deferred() {
        return deferred;
    }

    /** Stops or resumes reading from the socket while commands wait (backpressure, as Redis). */
    void readingPaused(boolean paused) {
        if (channel != null) {
            channel.config().setAutoRead(!paused);
        }
    }

    // Output

    /**
     * Sends what has been written. Only {@link Server#flushPending()} calls it, once per event-loop
     * pass and after the AOF write.
     */
    void flush() {
        ByteBuf out = writer.take();
        if (out == null || channel == null) {
            if (out != null) {
                out.release();
            }
            return;
        }
        server.stats().netOutputBytes += out.readableBytes();
        if (closed) {
            out.release();
            return;
        }
        long bytes = out.readableBytes();
        inFlightBytes += bytes;
        inFlightWrites++;
        ChannelFuture written = channel.writeAndFlush(out);
        // Netty runs this on the event loop when the bytes left (or the write failed on close).
        written.addListener(future -> written(bytes));
        if (closeAfterReply) {
            closed = true;
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void written(long bytes) {
        inFlightBytes -= bytes;
        inFlightWrites--;
        if (outputBackpressure) {
            server.clientLimits().outputDrained(this);
        }
    }

    /** Bytes of output this client holds: replies not yet sent, and what a replica holds during a full sync. */
    public long outputMemory() {
        return writer.pendingBytes() + inFlightBytes + (replica == null ? 0 : replica.heldBytes());
    }

    /** Buffers of output waiting (CLIENT LIST's oll). */
    public int outputBuffers() {
        return writer.pendingChunks() + inFlightWrites + (replica == null ? 0 : replica.heldChunks());
    }

    long softLimitSinceMs() {
        return softLimitSinceMs;
    }

    void softLimitSinceMs(long ms) {
        this.softLimitSinceMs = ms;
    }

    public boolean outputBackpressure() {
        return outputBackpressure;
    }

    void outputBackpressure(boolean on) {
        this.outputBackpressure = on;
    }

    /** Bytes received and not yet parsed into a command, plus the command being run (qbuf). */
    public long queryBufferBytes() {
        return currentRequestBytes + (decoder == null ? 0 : decoder.bufferedBytes());
    }

    /** Free room in the receive buffer (qbuf-free). */
    public long queryBufferFree() {
        return decoder == null ? 0 : decoder.bufferFree();
    }

    /** Bytes of the arguments of the command being run (argv-mem). */
    public long argvBytes() {
        return currentArgvBytes;
    }

    void running(int requestBytes, long argvBytes) {
        this.currentRequestBytes = requestBytes;
        this.currentArgvBytes = argvBytes;
    }

    /** The connection is gone: nothing it sent runs any more (a write completing later must not resume it). */
    void removed() {
        closed = true;
        deferred.clear();
    }

    /**
     * Closes the connection after the current event-loop task, dropping unsent replies (Redis's
     * freeClientAsync): the caller may be iterating over clients (a PUBLISH, the replication stream).
     */
    public void closeAsync() {
        if (closed) {
            return;
        }
        closed = true;
        writer.release();
        deferred.clear();
        if (channel != null) {
            channel.eventLoop().execute(channel::close);
        }
    }

    /** Marks that this client got output outside its own command (pub/sub, unblocking). */
    public void markPending() {
        server.markPending(this);
    }

    /** Closes the connection once the replies written so far are sent (QUIT, errors). */
    public void closeAfterReply() {
        this.closeAfterReply = true;
        markPending();
    }

    public boolean isClosing() {
        return closeAfterReply || closed;
    }

    /** Closes at once, dropping unsent replies (CLIENT KILL). */
    public void kill() {
        closed = true;
        writer.release();
        if (channel != null) {
            channel.close();
        }
    }

    /** Redis's islocalClient: a loopback peer, or no socket at all (the AOF loader, the master link's own). */
    public boolean isLocal() {
        return channel == null || channel.remoteAddress() instanceof InetSocketAddress a
                && a.getAddress() != null && a.getAddress().isLoopbackAddress();
    }

    public String address() {
        return channel != null && channel.remoteAddress() instanceof InetSocketAddress a
                ? format(a) : "";
    }

    public String localAddress() {
        return channel != null && channel.localAddress() instanceof InetSocketAddress a
                ? format(a) : "";
    }

    private static String format(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return host + ":" + address.getPort();
    }

    /** Bytes of replies produced and not yet handed to the socket. */
    public long outputPending() {
        return writer.pendingBytes();
    }
}
