package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.Bytes;
import io.replicatedstore.datanode.store.StreamGroup;
import io.replicatedstore.datanode.store.StreamValue;

import java.util.Map;

/**
 * {@code XINFO GROUPS key} and {@code XINFO CONSUMERS key group}: each group's name, consumers,
 * pending count, last delivered id, entries-read and lag; each consumer's name, pending count
 * and idle time.
 */
final class XInfoGroupsCommand implements Command {

    private final boolean consumers;

    XInfoGroupsCommand(boolean consumers) {
        this.consumers = consumers;
    }

    @Override
    public void execute(CommandContext ctx) {
        StreamValue stream = ctx.db().getStream(ctx.arg(2));
        if (stream == null) {
            throw new RedisException("ERR no such key");
        }
        RespWriter reply = ctx.reply();
        if (consumers) {
            StreamGroup group = stream.group(ctx.arg(3));
            if (group == null) {
                throw new RedisException("NOGROUP No such consumer group '" + ctx.argString(3) + "' for key name '"
                        + ctx.argString(2) + "'");
            }
            long now = ctx.now();
            reply.array(group.consumers.size());
            for (StreamGroup.Consumer consumer : group.consumers.values()) {
                reply.map(3);
                reply.bulk("name").bulk(consumer.name);
                reply.bulk("pending").integer(consumer.pending.size());
                reply.bulk("idle").integer(Math.max(0, now - consumer.seenTime));
            }
            return;
        }
        reply.array(stream.groups().size());
        for (Map.Entry<Bytes, StreamGroup> e : stream.groups().entrySet()) {
            StreamGroup group = e.getValue();
            reply.map(6);
            reply.bulk("name").bulk(e.getKey().bytes());
            reply.bulk("consumers").integer(group.consumers.size());
            reply.bulk("pending").integer(group.pending.size());
            reply.bulk("last-delivered-id").bulk(group.lastId.toBytes());
            reply.bulk("entries-read");
            entriesRead(reply, group);
            reply.bulk("lag");
            lag(reply, stream, group);
        }
    }

    static void entriesRead(RespWriter reply, StreamGroup group) {
        if (group.entriesRead == StreamGroup.INVALID_ENTRIES_READ) {
            reply.nullBulk();
        } else {
            reply.integer(group.entriesRead);
        }
    }

    static void lag(RespWriter reply, StreamValue stream, StreamGroup group) {
        Long lag = stream.lag(group);
        if (lag == null) {
            reply.nullBulk();
        } else {
            reply.integer(lag);
        }
    }
}
