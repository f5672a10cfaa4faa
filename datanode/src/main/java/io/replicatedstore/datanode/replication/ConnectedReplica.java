package io.replicatedstore.datanode.replication;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.ReplicaState;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A master's view of one replica connection (the replica fields of Redis's client struct): what
 * the replica announced with REPLCONF, where its sync stands, and its acknowledged offset. While
 * a full resync runs, the stream after the snapshot point is held here and sent once the RDB is.
 */
public final class ConnectedReplica implements ReplicaState {

    /** Redis's SLAVE_STATE_*; the text is what INFO replication prints. */
    public enum State {
        /** Sent REPLCONF only: not a replica yet. */
        HANDSHAKE("handshake"),
        WAIT_BGSAVE_START("wait_bgsave"),
        WAIT_BGSAVE_END("wait_bgsave"),
        SEND_BULK("send_bulk"),
        ONLINE("online");

        private final String text;

        State(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Client client;
    private State state = State.HANDSHAKE;
    private int listeningPort;
    private String announcedIp;
    private boolean capaEof;
    private boolean capaPsync2;
    private boolean oldSync;
    private long ackOffset;
    private long ackTimeMs;
    private final List<byte[]> held = new ArrayList<>();
    private long heldBytes;
    private boolean diskless;
    /**
     * After a diskless transfer the stream waits for the replica's first ACK: a replica reading
     * {@code $EOF:} looks for the mark at the end of what it read, so nothing may follow it in the
     * same read (Redis's repl_start_cmd_stream_on_ack).
     */
    private boolean streamStartsOnAck;

    ConnectedReplica(Client client) {
        this.client = client;
        this.ackTimeMs = client.server().clock().millis();
    }

    public Client client() {
        return client;
    }

    public State state() {
        return state;
    }

    void state(State state) {
        this.state = state;
    }

    /** A replica in the sense of CLIENT LIST and INFO: it sent SYNC or PSYNC. */
    @Override
    public boolean synced() {
        return state != State.HANDSHAKE;
    }

    public int listeningPort() {
        return listeningPort;
    }

    void listeningPort(int port) {
        this.listeningPort = port;
    }

    void announcedIp(String ip) {
        this.announcedIp = ip;
    }

    void capa(String capa) {
        if (capa.equalsIgnoreCase("eof")) {
            capaEof = true;
        } else if (capa.equalsIgnoreCase("psync2")) {
            capaPsync2 = true;
        }
    }

    boolean capaEof() {
        return capaEof;
    }

    boolean capaPsync2() {
        return capaPsync2;
    }

    /** Came in with SYNC: gets no +FULLRESYNC line and never acknowledges. */
    boolean oldSync() {
        return oldSync;
    }

    void oldSync(boolean value) {
        this.oldSync = value;
    }

    boolean diskless() {
        return diskless;
    }

    void diskless(boolean value) {
        this.diskless = value;
    }

    /** The address INFO and ROLE show: the announced IP, else the connection's. */
    public String ip() {
        if (announcedIp != null) {
            return announcedIp;
        }
        String address = client.address();
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }

    public long ackOffset() {
        return ackOffset;
    }

    public long ackTimeMs() {
        return ackTimeMs;
    }

    void ack(long offset, long nowMs) {
        if (offset > ackOffset) {
            ackOffset = offset;
        }
        ackTimeMs = nowMs;
        if (streamStartsOnAck) {
            streamStartsOnAck = false;
            sendHeld();
        }
    }

    /**
     * Stream bytes: sent now when online, held while a full resync is in progress. The array is
     * the caller's (reused for the next command), so what is held is a copy.
     */
    void stream(byte[] bytes, int off, int len) {
        switch (state) {
            case HANDSHAKE, WAIT_BGSAVE_START -> {
                // not synced yet: its full resync starts after these bytes
            }
            case ONLINE -> {
                if (streamStartsOnAck) {
                    hold(bytes, off, len);
                    return;
                }
                client.writer().raw(bytes, off, len);
                client.markPending();
                client.server().clientLimits().checkOutput(client);
            }
            default -> hold(bytes, off, len);
        }
    }

    private void hold(byte[] bytes, int off, int len) {
        held.add(Arrays.copyOfRange(bytes, off, off + len));
        heldBytes += len;
        // Redis 7.0 counts what a syncing replica's share of the replication buffer holds.
        client.server().clientLimits().checkOutput(client);
    }

    /** Takes over what another replica of the same background save holds (attaching to a running save). */
    void copyHeldFrom(ConnectedReplica other) {
        held.clear();
        held.addAll(other.held);
        heldBytes = other.heldBytes;
    }

    /** The full resync starts: nothing held yet. */
    void startHolding() {
        held.clear();
        heldBytes = 0;
    }

    /**
     * The RDB has been sent: the replica counts as online (WAIT, min-replicas), and what was held
     * follows the RDB at once, or after the first ACK when {@code waitForAck}.
     */
    void goOnline(long nowMs, boolean waitForAck) {
        state = State.ONLINE;
        ackTimeMs = nowMs;
        streamStartsOnAck = waitForAck;
        if (!waitForAck) {
            sendHeld();
        }
    }

    private void sendHeld() {
        for (byte[] bytes : held) {
            client.writer().raw(bytes);
        }
        held.clear();
        heldBytes = 0;
        client.markPending();
    }

    /** Stream bytes held for this replica while its full sync runs (they count in its output buffer, as in Redis). */
    @Override
    public long heldBytes() {
        return heldBytes;
    }

    @Override
    public int heldChunks() {
        return held.size();
    }

    /** Writes bytes straight to the socket, ahead of the client's reply buffer (sync preambles, RDB). */
    void writeDirect(byte[] bytes) {
        Channel channel = client.channel();
        if (channel != null) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
        }
    }

    void writeDirect(String line) {
        writeDirect(line.getBytes(StandardCharsets.US_ASCII));
    }

    boolean writable() {
        Channel channel = client.channel();
        return channel == null || !channel.isActive() || channel.isWritable();
    }
}
