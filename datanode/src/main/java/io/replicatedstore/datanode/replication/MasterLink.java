package io.replicatedstore.datanode.replication;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ByteProcessor;
import io.replicatedstore.datanode.persist.RdbLoader;
import io.replicatedstore.datanode.resp.PropagationEncoder;
import io.replicatedstore.datanode.resp.RespCommandDecoder;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.Server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A replica's connection to its master (the replica half of Redis's replication.c): connect,
 * the handshake (PING, AUTH, REPLCONF listening-port / ip-address / capa, PSYNC), the RDB of a
 * full resync written to a temporary file and loaded only once complete (or, with
 * {@code repl-diskless-load on-empty-db} and an empty dataset, also parsed while it arrives into
 * a keyspace aside, adopted once whole: see {@link StreamingLoad}), then the command stream, applied through the dispatcher as the master client and passed on to our own
 * replicas one whole command (or transaction) at a time. Lives on the keyspace thread.
 */
public final class MasterLink {

    private static final Logger LOG = Logger.getLogger(MasterLink.class.getName());

    /** Redis's repl_state names; {@link #roleState()} gives what ROLE prints. */
    public enum State {
        CONNECT, CONNECTING, RECEIVE_PING_REPLY, RECEIVE_AUTH_REPLY, RECEIVE_PORT_REPLY, RECEIVE_IP_REPLY,
        RECEIVE_CAPA_REPLY, RECEIVE_PSYNC_REPLY, TRANSFER, CONNECTED, CLOSED
    }

    private final Server server;
    private final Replication replication;
    private final String host;
    private final int port;
    private State state = State.CONNECT;
    private Channel channel;
    private Client master;
    private long stateSinceMs;
    private long lastIoMs;
    private long downSinceMs;
    private final Deque<String> handshakeReplies = new ArrayDeque<>();
    // Full resync transfer
    private String fullSyncReplid;
    private long fullSyncOffset;
    private RdbTransferFraming.Parser transfer;
    private FileChannel transferFile;
    private Path transferPath;
    private long transferStartMs;
    /** The RDB parsed while it arrives, or null (the file is loaded once complete). */
    private StreamingLoad streamingLoad;
    // The stream
    private RespCommandDecoder decoder;
    /** What the master sent and we have not consumed, or consumed but not yet passed on (see {@link #appliedFrom}). */
    private ByteBuf input;
    /**
     * Where in {@link #input} the bytes start that were applied (or are part of a command not yet
     * whole) but not yet passed on to our replicas: a transaction is passed on when its EXEC is.
     */
    private int appliedFrom;
    /** The database the master's stream has selected; kept across reconnections, as Redis's cached master. */
    private int streamDb;

    MasterLink(Server server, Replication replication, String host, int port, int streamDb) {
        this.streamDb = Math.max(0, streamDb);
        this.server = server;
        this.replication = replication;
        this.host = host;
        this.port = port;
        this.stateSinceMs = server.clock().millis();
        this.lastIoMs = stateSinceMs;
        this.downSinceMs = stateSinceMs;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public State state() {
        return state;
    }

    public boolean connected() {
        return state == State.CONNECTED;
    }

    /** The replica state as ROLE prints it. */
    public String roleState() {
        return switch (state) {
            case CONNECT, CLOSED -> "connect";
            case CONNECTING -> "connecting";
            case TRANSFER -> "sync";
            case CONNECTED -> "connected";
            default -> "handshake";
        };
    }

    /** The database the master's stream has selected now. */
    int streamDb() {
        return master != null ? master.db().id() : streamDb;
    }

    public long lastIoMs() {
        return lastIoMs;
    }

    public long downSinceMs() {
        return downSinceMs;
    }

    public boolean transferring() {
        return state == State.TRANSFER;
    }

    /** master_sync_total_bytes: -1 when the master streams without a length (diskless). */
    public long transferTotalBytes() {
        return transfer == null || !transfer.headerRead() || transfer.isEofMarked() ? -1 : transfer.expectedLength();
    }

    public long transferReadBytes() {
        return transfer == null ? 0 : transfer.payloadBytes();
    }

    public long transferStartMs() {
        return transferStartMs;
    }

    /** connectWithMaster. */
    void connect() {
        if (state != State.CONNECT) {
            return;
        }
        state(State.CONNECTING);
        Bootstrap bootstrap = new Bootstrap()
                .group(server.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        server.config().replTimeout.get() * 1000))
                .option(ChannelOption.TCP_NODELAY, !server.config().replDisableTcpNodelay.get())
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new Handler());
                    }
                });
        ChannelFuture future = bootstrap.connect(host, port);
        channel = future.channel();
        future.addListener(f -> {
            if (!f.isSuccess() && state == State.CONNECTING) {
                LOG.warning("Error condition on socket for SYNC: " + f.cause().getMessage());
                state(State.CONNECT);
            }
        });
    }

    private void state(State next) {
        state = next;
        stateSinceMs = server.clock().millis();
    }

    /** replicationCron for the replica side: reconnect, time out, acknowledge. */
    void cron(long now) {
        long timeoutMs = server.config().replTimeout.get() * 1000;
        switch (state) {
            case CONNECT -> connect();
            case CONNECTED -> {
                if (now - lastIoMs > timeoutMs) {
                    LOG.warning("MASTER timeout: no data nor PING received...");
                    drop();
                } else {
                    sendAck();
                }
            }
            case TRANSFER -> {
                if (now - lastIoMs > timeoutMs) {
                    LOG.warning("Timeout receiving bulk data from MASTER... If the problem persists try to set the "
                            + "'repl-timeout' parameter in redis.conf to a larger value.");
                    drop();
                }
            }
            case CLOSED -> {
                // replaced or stopped
            }
            default -> {
                if (now - stateSinceMs > timeoutMs) {
                    LOG.warning("Timeout connecting to the MASTER...");
                    drop();
                }
            }
        }
    }

    /** REPLCONF ACK with the offset applied so far. */
    void sendAck() {
        if (state == State.CONNECTED && channel != null) {
            channel.writeAndFlush(command("REPLCONF", "ACK", Long.toString(replication.offset())), channel.voidPromise());
        }
    }

    /** Stops this link for good (REPLICAOF elsewhere or NO ONE). */
    void close() {
        State was = state;
        state(State.CLOSED);
        cleanUp();
        if (was == State.CONNECTED) {
            LOG.info("Connection with master lost.");
        }
    }

    /** Ends this connection; the cron connects again. */
    private void drop() {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.CONNECTED) {
            LOG.info("Connection with master lost.");
            downSinceMs = server.clock().millis();
        }
        cleanUp();
        state(State.CONNECT);
    }

    private void cleanUp() {
        if (master != null) {
            Client client = master;
            streamDb = client.db().id();
            master = null;
            server.removeMasterClient(client);
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
        abortTransfer();
        if (input != null) {
            input.release();
            input = null;
        }
        appliedFrom = 0;
        handshakeReplies.clear();
    }

    private void abortTransfer() {
        if (streamingLoad != null) {
            streamingLoad.abort();
            streamingLoad = null;
        }
        if (transferFile != null) {
            try {
                transferFile.close();
            } catch (IOException e) {
                // deleting it next
            }
            transferFile = null;
        }
        if (transferPath != null) {
            try {
                Files.deleteIfExists(transferPath);
            } catch (IOException e) {
                LOG.warning("Could not delete " + transferPath + ": " + e.getMessage());
            }
            transferPath = null;
        }
        transfer = null;
    }

    // The handshake

    private void active(Channel ch) {
        if (ch != channel || state != State.CONNECTING) {
            ch.close();
            return;
        }
        LOG.info("MASTER <-> REPLICA sync started");
        lastIoMs = server.clock().millis();
        state(State.RECEIVE_PING_REPLY);
        ch.writeAndFlush(command("PING"));
    }

    private void handshakeReply(String line) {
        switch (state) {
            case RECEIVE_PING_REPLY -> {
                // -NOAUTH and friends are fine here: AUTH comes next.
                if (line.startsWith("-") && !line.startsWith("-NOAUTH") && !line.startsWith("-NOPERM")
                        && !line.startsWith("-ERR operation not permitted")) {
                    fail("Error reply to PING from master: '" + line + "'");
                    return;
                }
                LOG.info("Master replied to PING, replication can continue...");
                sendHandshake();
            }
            case RECEIVE_AUTH_REPLY -> {
                if (line.startsWith("-")) {
                    fail("Unable to AUTH to MASTER: " + line);
                    return;
                }
                state(State.RECEIVE_PORT_REPLY);
            }
            case RECEIVE_PORT_REPLY -> {
                if (line.startsWith("-")) {
                    LOG.info("(Non critical) Master does not understand REPLCONF listening-port: " + line);
                }
                state(announceIp().isEmpty() ? State.RECEIVE_CAPA_REPLY : State.RECEIVE_IP_REPLY);
            }
            case RECEIVE_IP_REPLY -> {
                if (line.startsWith("-")) {
                    LOG.info("(Non critical) Master does not understand REPLCONF ip-address: " + line);
                }
                state(State.RECEIVE_CAPA_REPLY);
            }
            case RECEIVE_CAPA_REPLY -> {
                if (line.startsWith("-")) {
                    LOG.info("(Non critical) Master does not understand REPLCONF capa: " + line);
                }
                sendPsync();
            }
            case RECEIVE_PSYNC_REPLY -> psyncReply(line);
            default -> throw new IllegalStateException("reply in state " + state);
        }
    }

    /** AUTH, REPLCONF listening-port, ip-address and capa in one write, as Redis 7.0 sends them. */
    private void sendHandshake() {
        String user = server.config().masteruser.get();
        String password = server.config().masterauth.get();
        if (!password.isEmpty()) {
            channel.write(user.isEmpty() ? command("AUTH", password) : command("AUTH", user, password));
            state(State.RECEIVE_AUTH_REPLY);
        } else {
            state(State.RECEIVE_PORT_REPLY);
        }
        long announcedPort = server.config().replicaAnnouncePort.get();
        int port = announcedPort != 0 ? (int) announcedPort : server.config().port.asInt();
        channel.write(command("REPLCONF", "listening-port", Integer.toString(port)));
        if (!announceIp().isEmpty()) {
            channel.write(command("REPLCONF", "ip-address", announceIp()));
        }
        channel.writeAndFlush(command("REPLCONF", "capa", "eof", "capa", "psync2"));
    }

    private String announceIp() {
        return server.config().replicaAnnounceIp.get();
    }

    private void sendPsync() {
        if (replication.failover().psyncWithFailover()) {
            String[] args = replication.psyncArguments();
            channel.writeAndFlush(command("PSYNC", args[0], args[1], "FAILOVER"));
            LOG.info("Trying a partial resynchronization with failover (request " + args[0] + ":" + args[1] + ").");
        } else {
            String[] args = replication.psyncArguments();
            channel.writeAndFlush(command("PSYNC", args[0], args[1]));
            LOG.info("Trying a partial resynchronization (request " + args[0] + ":" + args[1] + ").");
        }
        state(State.RECEIVE_PSYNC_REPLY);
    }

    private void psyncReply(String line) {
        replication.failover().psyncReplied(line);
        if (line.startsWith("+FULLRESYNC")) {
            String[] parts = line.split(" ");
            if (parts.length < 3) {
                fail("Master replied with wrong +FULLRESYNC syntax: " + line);
                return;
            }
            fullSyncReplid = parts[1];
            try {
                fullSyncOffset = Long.parseLong(parts[2]);
            } catch (NumberFormatException e) {
                fail("Master replied with wrong +FULLRESYNC syntax: " + line);
                return;
            }
            LOG.info("Full resync from master: " + fullSyncReplid + ":" + fullSyncOffset);
            startTransfer();
        } else if (line.startsWith("+CONTINUE")) {
            String newId = line.length() > 10 ? line.substring(10).trim() : "";
            LOG.info("Successful partial resynchronization with master.");
            if (newId.length() == ReplicationIds.ID_LENGTH && !newId.equalsIgnoreCase(replication.ids().replid())) {
                replication.masterChangedId(newId);
            }
            LOG.info("MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.");
            streamStarts();
        } else if (line.startsWith("-NOMASTERLINK") || line.startsWith("-LOADING")) {
            LOG.info("Master is currently unable to PSYNC but should be in the future: " + line);
            drop();
        } else {
            fail("Unexpected reply to PSYNC from master: " + line);
        }
    }

    private void fail(String why) {
        LOG.warning(why);
        drop();
    }

    // Full resync: the RDB goes to a file, and is loaded only once whole

    private void startTransfer() {
        transferPath = replication.persistence().transferTempFile();
        try {
            transferFile = FileChannel.open(transferPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            fail("Opening the temp file needed for MASTER <-> REPLICA synchronization: " + e.getMessage());
            return;
        }
        transferStartMs = server.clock().millis();
        // repl-diskless-load on-empty-db: parse while receiving, when there is no dataset (a
        // second one would share the memory until the first is dropped). Not the default: on
        // the 2-CPU benchmark host the loader sharing the CPUs with the receiving (and, diskless,
        // with the master) was slower than receiving first and loading the file after.
        boolean stream = "on-empty-db".equals(server.config().replDisklessLoad.get())
                && server.keyspace().totalKeys() == 0;
        transfer = new RdbTransferFraming.Parser((bytes, off, len) -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, off, len);
            while (buffer.hasRemaining()) {
                transferFile.write(buffer);
            }
            if (stream) {
                streamPayload(bytes, off, len);
            }
        });
        state(State.TRANSFER);
    }

    private void streamPayload(byte[] bytes, int off, int len) {
        if (streamingLoad == null) {
            long length = transfer.isEofMarked() ? -1 : transfer.expectedLength();
            StreamingLoad[] self = new StreamingLoad[1];
            self[0] = new StreamingLoad(replication.persistence().newStagingKeyspace(), length,
                    replication.persistence().loadLimits(), server.eventLoop(),
                    error -> streamingLoadFailed(self[0], error),
                    () -> {
                        if (streamingLoad == self[0] && channel != null) {
                            channel.config().setAutoRead(true);
                        }
                    });
            streamingLoad = self[0];
        }
        if (streamingLoad.offer(bytes, off, len) && channel != null) {
            channel.config().setAutoRead(false); // the loader is behind: let the master wait
        }
    }

    /** The RDB is bad (found before the transfer ended): no point receiving the rest. */
    private void streamingLoadFailed(StreamingLoad load, Throwable error) {
        if (load == streamingLoad) {
            streamingLoad = null;
            LOG.warning("Failed trying to load the MASTER synchronization DB while receiving it: " + error.getMessage());
            drop();
        }
    }

    /** Feeds the transfer; true when the RDB is complete and loaded. */
    private boolean feedTransfer(ByteBuf in) throws IOException {
        int used = transfer.feed(in.array(), in.arrayOffset() + in.readerIndex(), in.readableBytes());
        in.skipBytes(used);
        if (!transfer.isComplete()) {
            return false;
        }
        transferFile.force(true);
        transferFile.close();
        transferFile = null;
        LOG.info("MASTER <-> REPLICA sync: received " + transfer.payloadBytes() + " bytes of RDB");
        if (streamingLoad != null) {
            return finishStreamedTransfer();
        }
        Path received = transferPath;
        transferPath = null;
        // Our replicas hold a history we are about to drop.
        replication.disconnectReplicasForFullSync();
        LOG.info("MASTER <-> REPLICA sync: Flushing old data");
        long start = server.clock().nanos();
        try {
            RdbLoader.Result loaded = replication.persistence().loadFromMaster(received);
            streamDb = Math.max(0, loaded.streamDb()); // a master's stream starts with SELECT anyway
            LOG.info(String.format(Locale.ROOT, "MASTER <-> REPLICA sync: Loaded %d keys in %.3f seconds",
                    loaded.loaded(), (server.clock().nanos() - start) / 1e9));
        } catch (IOException e) {
            LOG.warning("Failed trying to load the MASTER synchronization DB from disk: " + e.getMessage());
            replication.historyLost();
            drop();
            return false;
        }
        return fullSyncLoaded();
    }

    /** The streamed load and the transfer are both complete: the staged keyspace becomes the dataset. */
    private boolean finishStreamedTransfer() {
        StreamingLoad load = streamingLoad;
        Path received = transferPath;
        streamingLoad = null;
        transferPath = null;
        if (channel != null) {
            channel.config().setAutoRead(true); // the last piece may have paused it: the stream follows
        }
        RdbLoader.Result loaded;
        try {
            loaded = load.finish();
        } catch (IOException e) {
            LOG.warning("Failed trying to load the MASTER synchronization DB while receiving it: " + e.getMessage());
            try {
                Files.deleteIfExists(received);
            } catch (IOException ignored) {
                // a temp file left behind, as after a failed load of the file
            }
            replication.historyLost();
            drop();
            return false;
        }
        replication.disconnectReplicasForFullSync();
        LOG.info("MASTER <-> REPLICA sync: Flushing old data");
        try {
            replication.persistence().adoptFromMaster(received, load.staging(), loaded);
        } catch (IOException e) {
            LOG.warning("Failed to keep the MASTER synchronization DB on disk: " + e.getMessage());
        }
        streamDb = Math.max(0, loaded.streamDb());
        LOG.info(String.format(Locale.ROOT, "MASTER <-> REPLICA sync: Loaded %d keys while receiving them (%.3f "
                + "seconds since the transfer started)", loaded.loaded(), (server.clock().millis() - transferStartMs) / 1e3));
        return fullSyncLoaded();
    }

    /** The master's dataset is ours now: take on its history and start applying its stream. */
    private boolean fullSyncLoaded() {
        transfer = null;
        replication.adoptMasterHistory(fullSyncReplid, fullSyncOffset);
        replication.aof().restartAfterFullSync();
        LOG.info("MASTER <-> REPLICA sync: Finished with success");
        streamStarts();
        return true;
    }

    private void streamStarts() {
        master = server.newMasterClient(channel);
        master.select(streamDb < server.keyspace().count() ? streamDb : 0);
        decoder = new RespCommandDecoder(() -> Long.MAX_VALUE, true); // nothing half-parsed from an earlier link
        appliedFrom = input != null ? input.readerIndex() : 0; // what preceded was the handshake or the RDB
        state(State.CONNECTED);
        sendAck();
    }

    // The stream

    private void read(ByteBuf msg) {
        lastIoMs = server.clock().millis();
        if (input == null) {
            input = Unpooled.buffer(Math.max(4096, msg.readableBytes()));
        }
        input.writeBytes(msg);
        msg.release();
        try {
            process();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Replication link failed: " + e.getMessage(),
                    e instanceof IllegalArgumentException || e instanceof IOException
                            || e instanceof RdbFramingException ? null : e);
            drop();
            return;
        }
        if (input != null) {
            compactInput();
        }
        server.flushPending();
    }

    /** Drops the bytes that are consumed and, in the stream, passed on; keeps an unfinished transaction's. */
    private void compactInput() {
        if (state != State.CONNECTED) {
            appliedFrom = input.readerIndex();
        }
        int consumed = input.readerIndex() - appliedFrom;
        input.readerIndex(appliedFrom);
        input.discardReadBytes();
        input.readerIndex(consumed);
        appliedFrom = 0;
    }

    private void process() throws IOException {
        while (input != null && input.isReadable()) {
            switch (state) {
                case TRANSFER -> {
                    if (!feedTransfer(input)) {
                        return;
                    }
                }
                case CONNECTED -> {
                    applyStream(input);
                    return;
                }
                case CLOSED, CONNECT, CONNECTING -> {
                    return;
                }
                default -> {
                    String line = readLine(input);
                    if (line == null) {
                        return;
                    }
                    if (!line.isEmpty()) { // newlines are the master's keepalives while it prepares the RDB
                        handshakeReply(line);
                    }
                }
            }
        }
    }

    private static String readLine(ByteBuf in) {
        int eol = in.forEachByte(ByteProcessor.FIND_LF);
        if (eol < 0) {
            if (in.readableBytes() > 64 * 1024) {
                throw new IllegalArgumentException("reply line from master too long");
            }
            return null;
        }
        int length = eol - in.readerIndex();
        String line = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.readerIndex(eol + 1);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /**
     * Applies whole commands; after each one outside a transaction the bytes it took are counted
     * in our offset and passed on (Redis's commandProcessed with repl_applied).
     */
    private void applyStream(ByteBuf in) {
        while (state == State.CONNECTED && in.isReadable()) {
            Object command = decoder.decodeOne(in);
            if (command == null) {
                return;
            }
            if (command != RespCommandDecoder.SKIP) {
                server.keyspace().masterView(true);
                try {
                    server.processor().process(master, (byte[][]) command);
                } finally {
                    server.keyspace().masterView(false);
                }
            }
            if (master != null && !master.inMulti()) {
                int end = in.readerIndex();
                replication.feedFromMaster(in.array(), in.arrayOffset() + appliedFrom, end - appliedFrom);
                appliedFrom = end;
            }
        }
    }

    private static ByteBuf command(String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return Unpooled.wrappedBuffer(PropagationEncoder.command(argv));
    }

    private final class Handler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            active(ctx.channel());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (ctx.channel() != channel) {
                ((ByteBuf) msg).release();
                return;
            }
            read((ByteBuf) msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() == channel) {
                drop();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warning("Error condition on socket for SYNC: " + cause.getMessage());
            ctx.close();
        }
    }
}
