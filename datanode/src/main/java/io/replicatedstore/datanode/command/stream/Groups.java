package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.StreamGroup;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;
import io.replicatedstore.datanode.server.KeyspaceEvents;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Consumer group steps shared by XREADGROUP, XCLAIM, XAUTOCLAIM and XGROUP (Redis's t_stream.c helpers). */
final class Groups {

    private static final byte[] XCLAIM = bytes("XCLAIM");
    private static final byte[] XGROUP = bytes("XGROUP");

    private Groups() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The consumer, its seen time refreshed, or a new one (streamLookupConsumer + streamCreateConsumer). */
    static StreamGroup.Consumer lookupOrCreate(CommandContext ctx, byte[] key, StreamGroup group, byte[] name) {
        StreamGroup.Consumer consumer = group.consumer(name);
        if (consumer != null) {
            consumer.seenTime = ctx.now();
            return consumer;
        }
        ctx.dirty(1);
        ctx.keyspaceEvent(KeyspaceEvents.STREAM, "xgroup-createconsumer", key);
        return group.createConsumer(name.clone(), ctx.now());
    }

    /**
     * Delivers entries after {@code start} to a consumer as XREADGROUP does (streamReplyWithRange
     * with a group): moves the group's last id and read counter, adds each entry to the PEL
     * (unless NOACK) and propagates it as an XCLAIM, or the new last id as XGROUP SETID with NOACK.
     */
    static void deliver(CommandContext ctx, RespWriter reply, byte[] key, byte[] groupName, StreamValue stream,
                        StreamGroup group, StreamGroup.Consumer consumer, StreamId start, long count, boolean noack) {
        List<StreamValue.Entry> entries = stream.range(start, StreamId.MAX, count, false);
        boolean propagateLastId = false;
        reply.array(entries.size());
        for (StreamValue.Entry entry : entries) {
            StreamId id = entry.id();
            if (id.compareTo(group.lastId) > 0) {
                if (group.entriesRead != StreamGroup.INVALID_ENTRIES_READ && !stream.rangeHasTombstones(id, null)) {
                    group.entriesRead++;
                } else if (stream.entriesAdded() != 0) {
                    group.entriesRead = stream.estimateDistanceFromFirstEverEntry(id);
                }
                group.lastId = id;
                propagateLastId |= noack;
            }
            Streams.replyEntry(reply, entry);
            if (!noack) {
                StreamGroup.Pending nack = group.pending.get(id);
                if (nack == null) {
                    nack = new StreamGroup.Pending(consumer, ctx.now(), 1);
                    group.pending.put(id, nack);
                    consumer.pending.put(id, nack);
                } else {
                    group.assign(id, nack, consumer);
                    nack.deliveryTime = ctx.now();
                    nack.deliveryCount = 1;
                }
                propagateClaim(ctx, key, groupName, group, id, nack);
            }
        }
        if (propagateLastId) {
            propagateGroupId(ctx, key, groupName, group);
        }
    }

    /** XCLAIM key group consumer 0 id TIME ms RETRYCOUNT n FORCE JUSTID LASTID last (streamPropagateXCLAIM). */
    static void propagateClaim(CommandContext ctx, byte[] key, byte[] groupName, StreamGroup group, StreamId id,
                               StreamGroup.Pending nack) {
        ctx.alsoPropagate(XCLAIM, key, groupName, nack.consumer.name, bytes("0"), id.toBytes(),
                bytes("TIME"), bytes(Long.toString(nack.deliveryTime)),
                bytes("RETRYCOUNT"), bytes(Long.toString(nack.deliveryCount)),
                bytes("FORCE"), bytes("JUSTID"), bytes("LASTID"), group.lastId.toBytes());
    }

    /** XGROUP SETID key group last ENTRIESREAD n (streamPropagateGroupID). */
    static void propagateGroupId(CommandContext ctx, byte[] key, byte[] groupName, StreamGroup group) {
        ctx.alsoPropagate(XGROUP, bytes("SETID"), key, groupName, group.lastId.toBytes(),
                bytes("ENTRIESREAD"), bytes(Long.toString(group.entriesRead)));
    }

    /** XGROUP CREATECONSUMER key group consumer (streamPropagateConsumerCreation). */
    static void propagateConsumerCreation(CommandContext ctx, byte[] key, byte[] groupName, byte[] consumer) {
        ctx.alsoPropagate(XGROUP, bytes("CREATECONSUMER"), key, groupName, consumer);
    }
}
