package io.replicatedstore.datanode.replication;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.WriteBufferWaterMark;
import io.replicatedstore.datanode.persist.RdbSnapshotStream;
import io.replicatedstore.datanode.server.Server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Logger;

/**
 * The master side of full resynchronisations (Redis's startBgsaveForReplication and friends).
 * Diskless ({@code repl-diskless-sync yes} and a replica that can read {@code $EOF:}): one
 * forkless snapshot is streamed to every replica that waited {@code repl-diskless-sync-delay}
 * seconds for it. Disk-based: a BGSAVE writes {@code dbfilename}, then the file goes to each
 * replica as {@code $<len>}; a replica arriving during that save attaches to it. Either way each
 * replica gets {@code +FULLRESYNC <replid> <offset>} when its snapshot starts, and the stream
 * from that offset on is held and sent after the RDB.
 */
final class FullResyncs {

    private static final Logger LOG = Logger.getLogger(FullResyncs.class.getName());

    /**
     * A diskless snapshot pauses while a replica's channel is not writable. Netty's default
     * 64 KiB high-water mark is one chunk: the snapshot stalled every chunk and streamed at a
     * third of the speed it writes a file. While the RDB streams, up to this much may be queued
     * per replica (memory bounded by it), and stepping resumes below the low mark.
     */
    static final WriteBufferWaterMark RDB_STREAM_WATER_MARK = new WriteBufferWaterMark(1 << 20, 4 << 20);

    private final Server server;
    private final Replication replication;
    private final Random random = new Random();
    /** Replicas of the running diskless transfer; null when none runs. */
    private List<ConnectedReplica> disklessTargets;
    private RdbSnapshotStream disklessStream;
    private long disklessWaitSinceMs = -1;
    /** Whether the running BGSAVE was started for replication (replicas may attach to it). */
    private boolean diskSaveForReplication;

    FullResyncs(Server server, Replication replication) {
        this.server = server;
        this.replication = replication;
    }

    /** A replica needs a full resync: it waits for the next suitable snapshot, or attaches to a running one. */
    void request(ConnectedReplica replica) {
        replica.state(ConnectedReplica.State.WAIT_BGSAVE_START);
        boolean diskless = server.config().replDisklessSync.get() && replica.capaEof();
        replica.diskless(diskless);
        if (diskless) {
            if (disklessWaitSinceMs < 0) {
                disklessWaitSinceMs = server.clock().millis();
            }
        } else if (diskSaveForReplication) {
            attachToDiskSave(replica);
            return;
        }
        startIfDue(server.clock().millis());
    }

    /** From the replication cron and after each request: starts a snapshot when one is due. */
    void startIfDue(long nowMs) {
        if (waiting(true) && disklessStream == null && !diskSaveForReplication) {
            long delayMs = server.config().replDisklessSyncDelay.get() * 1000;
            long max = server.config().replDisklessSyncMaxReplicas.get();
            if (nowMs - disklessWaitSinceMs >= delayMs || (max > 0 && takeWaiting(true).size() >= max)) {
                startDiskless();
            }
        }
        if (waiting(false) && disklessStream == null && !replication.persistence().backgroundSaveInProgress()) {
            startDiskSave();
        }
    }

    boolean inProgress() {
        return disklessStream != null || diskSaveForReplication;
    }

    private boolean waiting(boolean diskless) {
        for (ConnectedReplica replica : replication.replicas()) {
            if (replica.state() == ConnectedReplica.State.WAIT_BGSAVE_START && replica.diskless() == diskless) {
                return true;
            }
        }
        return false;
    }

    private List<ConnectedReplica> takeWaiting(boolean diskless) {
        List<ConnectedReplica> taken = new ArrayList<>();
        for (ConnectedReplica replica : replication.replicas()) {
            if (replica.state() == ConnectedReplica.State.WAIT_BGSAVE_START && replica.diskless() == diskless) {
                taken.add(replica);
            }
        }
        return taken;
    }

    /** replicationSetupSlaveForFullResync: the snapshot point is now. */
    private void setUp(ConnectedReplica replica, long offset) {
        replica.state(ConnectedReplica.State.WAIT_BGSAVE_END);
        replica.startHolding();
        if (!replica.oldSync()) {
            replica.writeDirect("+FULLRESYNC " + replication.ids().replid() + " " + offset + "\r\n");
        }
    }

    // Diskless

    private void startDiskless() {
        List<ConnectedReplica> targets = takeWaiting(true);
        disklessWaitSinceMs = -1;
        long offset = replication.snapshotPoint();
        byte[] mark = RdbTransferFraming.newEofMark(random);
        for (ConnectedReplica replica : targets) {
            setUp(replica, offset);
            replica.writeDirect(RdbTransferFraming.eofHeader(mark));
            Channel channel = replica.client().channel();
            if (channel != null) {
                channel.config().setWriteBufferWaterMark(RDB_STREAM_WATER_MARK);
            }
        }
        LOG.info("Starting BGSAVE for SYNC with target: replicas sockets (" + targets.size() + " replicas)");
        disklessTargets = targets;
        disklessStream = new RdbSnapshotStream(server.eventLoop(), server.keyspace(),
                replication.persistence().saveOptions(), new RdbSnapshotStream.Target() {
                    @Override
                    public boolean writable() {
                        for (ConnectedReplica replica : live(targets)) {
                            if (!replica.writable()) {
                                return false;
                            }
                        }
                        return true;
                    }

                    @Override
                    public void chunk(byte[] chunk, int length) {
                        for (ConnectedReplica replica : live(targets)) {
                            Channel channel = replica.client().channel();
                            channel.writeAndFlush(Unpooled.wrappedBuffer(chunk, 0, length), channel.voidPromise());
                        }
                        if (live(targets).isEmpty()) {
                            cancelDiskless(); // nobody left to send it to
                        }
                    }

                    @Override
                    public void done(Throwable error) {
                        disklessFinished(targets, mark, error);
                    }
                });
    }

    private void disklessFinished(List<ConnectedReplica> targets, byte[] mark, Throwable error) {
        disklessStream = null;
        disklessTargets = null;
        long now = server.clock().millis();
        for (ConnectedReplica replica : live(targets)) {
            replica.client().channel().config().setWriteBufferWaterMark(WriteBufferWaterMark.DEFAULT);
            if (error != null) {
                LOG.warning("Diskless full resync failed: " + error.getMessage());
                replica.client().kill();
            } else {
                replica.writeDirect(RdbTransferFraming.eofTrailer(mark));
                replica.goOnline(now, true);
                LOG.info("Streamed RDB transfer with replica " + replica.ip() + ":" + replica.listeningPort()
                        + " succeeded: replica is online");
            }
        }
        server.flushPending();
        startIfDue(now);
    }

    private void cancelDiskless() {
        if (disklessStream != null) {
            disklessStream.cancel();
            disklessStream = null;
            disklessTargets = null;
            LOG.info("Diskless transfer cancelled: no replica left");
        }
    }

    // Disk-based

    private void startDiskSave() {
        List<ConnectedReplica> targets = takeWaiting(false);
        long offset = replication.snapshotPoint();
        if (!replication.persistence().startBackgroundSave(this::diskSaveDone)) {
            return; // a save is running after all: wait for the next one
        }
        LOG.info("Starting BGSAVE for SYNC with target: disk");
        diskSaveForReplication = true;
        diskSaveOffset = offset;
        for (ConnectedReplica replica : targets) {
            setUp(replica, offset);
        }
    }

    private long diskSaveOffset;

    /** A replica arrives while a save for replication runs: it shares it (with the stream held by another). */
    private void attachToDiskSave(ConnectedReplica replica) {
        for (ConnectedReplica other : replication.replicas()) {
            if (other != replica && other.state() == ConnectedReplica.State.WAIT_BGSAVE_END && !other.diskless()) {
                replica.copyHeldFrom(other);
                replica.state(ConnectedReplica.State.WAIT_BGSAVE_END);
                if (!replica.oldSync()) {
                    replica.writeDirect("+FULLRESYNC " + replication.ids().replid() + " " + diskSaveOffset + "\r\n");
                }
                LOG.info("Waiting for end of BGSAVE for SYNC");
                return;
            }
        }
        // nobody to copy from: wait for the next save
    }

    private void diskSaveDone(Throwable error) {
        diskSaveForReplication = false;
        Path file = replication.persistence().rdbFile();
        for (ConnectedReplica replica : List.copyOf(replication.replicas())) {
            if (replica.state() != ConnectedReplica.State.WAIT_BGSAVE_END || replica.diskless()) {
                continue;
            }
            if (error != null) {
                LOG.warning("SYNC failed. BGSAVE child returned an error: " + error.getMessage());
                replica.client().kill();
                continue;
            }
            sendFile(replica, file);
        }
        server.flushPending();
        startIfDue(server.clock().millis());
    }

    private void sendFile(ConnectedReplica replica, Path file) {
        Channel channel = replica.client().channel();
        try {
            FileChannel rdb = FileChannel.open(file, StandardOpenOption.READ);
            long size = rdb.size();
            replica.state(ConnectedReplica.State.SEND_BULK);
            channel.write(Unpooled.wrappedBuffer(RdbTransferFraming.lengthHeader(size)));
            ChannelFuture sent = channel.writeAndFlush(new DefaultFileRegion(rdb, 0, size));
            sent.addListener(f -> {
                if (f.isSuccess() && replica.state() == ConnectedReplica.State.SEND_BULK) {
                    replica.goOnline(server.clock().millis(), false);
                    LOG.info("Synchronization with replica " + replica.ip() + ":" + replica.listeningPort()
                            + " succeeded");
                    server.flushPending();
                } else if (!f.isSuccess()) {
                    replica.client().kill();
                }
            });
        } catch (IOException e) {
            LOG.warning("SYNC failed. Can't open/stat DB after BGSAVE: " + e.getMessage());
            replica.client().kill();
        }
    }

    private static List<ConnectedReplica> live(List<ConnectedReplica> replicas) {
        List<ConnectedReplica> live = new ArrayList<>(replicas.size());
        for (ConnectedReplica replica : replicas) {
            Channel channel = replica.client().channel();
            if (!replica.client().isClosing() && channel != null && channel.isActive()) {
                live.add(replica);
            }
        }
        return live;
    }

    /** Stops a running diskless transfer (the node stops being a master, or shuts down). */
    void cancel() {
        cancelDiskless();
    }
}
