package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;

import java.util.List;

/**
 * {@code XINFO STREAM key [FULL [COUNT count]]}. The stream has no consumer groups yet (they are
 * not implemented), so "groups" is 0 or empty. "radix-tree-keys" is the number of nodes;
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
            reply.bulk("groups").array(0);
            return;
        }
        reply.bulk("groups").integer(0);
        reply.bulk("first-entry");
        entryOrNull(reply, stream.range(StreamId.MIN, StreamId.MAX, 1, false));
        reply.bulk("last-entry");
        entryOrNull(reply, stream.range(StreamId.MIN, StreamId.MAX, 1, true));
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
