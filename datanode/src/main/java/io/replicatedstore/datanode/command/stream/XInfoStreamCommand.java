package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.Bytes;
import io.replicatedstore.datanode.store.StreamGroup;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code XINFO STREAM key [FULL [COUNT count]]}, FULL with each group, its pending entries and
 * consumers (at most COUNT pending entries each, 0: all). "radix-tree-keys" is the number of nodes;
 * "radix-tree-nodes" is an estimate (Redis counts the nodes of its radix tree, which this
 * store does not have).
 */
final class XInfoStreamCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        StreamValue stream = ctx.db().getStream(ctx.arg(2));
        if (stream == null) {
            throw new RedisException("ERR no such key");
        }
        int options = ctx.argc() - 3;
        boolean full = options > 0;
        long count = 10;
        if (full) {
            if (options != 1 && options != 3 || !ctx.argIs(3, "full") || options == 3 && !ctx.argIs(4, "count")) {
                throw new RedisException("ERR unknown subcommand or wrong number of arguments for '"
                        + ctx.argString(1) + "'. Try XINFO HELP.");
            }
            if (options == 3) {
                count = ctx.argLong(5);
                if (count < 0) {
                    count = 10;
                }
            }
        }
        RespWriter reply = ctx.reply();
        reply.map(full ? 9 : 10);
        reply.bulk("length").integer(stream.length());
        reply.bulk("radix-tree-keys").integer(stream.nodeCount());
        reply.bulk("radix-tree-nodes").integer(stream.nodeCount() + 1L);
        reply.bulk("last-generated-id").bulk(stream.lastId().toBytes());
        reply.bulk("max-deleted-entry-id").bulk(stream.maxDeletedId().toBytes());
        reply.bulk("entries-added").integer(stream.entriesAdded());
        reply.bulk("recorded-first-entry-id").bulk(stream.firstId().toBytes());
        if (full) {
            reply.bulk("entries");
            Streams.replyEntries(reply, stream.range(StreamId.MIN, StreamId.MAX, count, false));
            reply.bulk("groups");
            groups(reply, stream, count);
            return;
        }
        reply.bulk("groups").integer(stream.groups().size());
        reply.bulk("first-entry");
        entryOrNull(reply, stream.range(StreamId.MIN, StreamId.MAX, 1, false));
        reply.bulk("last-entry");
        entryOrNull(reply, stream.range(StreamId.MIN, StreamId.MAX, 1, true));
    }

    /** The groups of XINFO STREAM FULL, with at most {@code count} (0: all) pending entries each. */
    private static void groups(RespWriter reply, StreamValue stream, long count) {
        reply.array(stream.groups().size());
        for (Map.Entry<Bytes, StreamGroup> e : stream.groups().entrySet()) {
            StreamGroup group = e.getValue();
            reply.map(7);
            reply.bulk("name").bulk(e.getKey().bytes());
            reply.bulk("last-delivered-id").bulk(group.lastId.toBytes());
            reply.bulk("entries-read");
            XInfoGroupsCommand.entriesRead(reply, group);
            reply.bulk("lag");
            XInfoGroupsCommand.lag(reply, stream, group);
            reply.bulk("pel-count").integer(group.pending.size());
            reply.bulk("pending");
            List<Map.Entry<StreamId, StreamGroup.Pending>> pel = first(group.pending, count);
            reply.array(pel.size());
            for (Map.Entry<StreamId, StreamGroup.Pending> p : pel) {
                reply.array(4).bulk(p.getKey().toBytes()).bulk(p.getValue().consumer.name)
                        .integer(p.getValue().deliveryTime).integer(p.getValue().deliveryCount);
            }
            reply.bulk("consumers").array(group.consumers.size());
            for (StreamGroup.Consumer consumer : group.consumers.values()) {
                reply.map(4);
                reply.bulk("name").bulk(consumer.name);
                reply.bulk("seen-time").integer(consumer.seenTime);
                reply.bulk("pel-count").integer(consumer.pending.size());
                reply.bulk("pending");
                List<Map.Entry<StreamId, StreamGroup.Pending>> own = first(consumer.pending, count);
                reply.array(own.size());
                for (Map.Entry<StreamId, StreamGroup.Pending> p : own) {
                    reply.array(3).bulk(p.getKey().toBytes()).integer(p.getValue().deliveryTime)
                            .integer(p.getValue().deliveryCount);
                }
            }
        }
    }

    private static List<Map.Entry<StreamId, StreamGroup.Pending>> first(Map<StreamId, StreamGroup.Pending> pel, long count) {
        List<Map.Entry<StreamId, StreamGroup.Pending>> out = new ArrayList<>();
        for (Map.Entry<StreamId, StreamGroup.Pending> e : pel.entrySet()) {
            if (count != 0 && out.size() >= count) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    private static void entryOrNull(RespWriter reply, List<StreamValue.Entry> entries) {
        if (entries.isEmpty()) {
            reply.nullBulk();
            return;
        }
        StreamValue.Entry entry = entries.get(0);
        reply.array(2).bulk(entry.id().toBytes()).array(entry.fieldsAndValues().length);
        for (byte[] element : entry.fieldsAndValues()) {
            reply.bulk(element);
        }
    }
}
