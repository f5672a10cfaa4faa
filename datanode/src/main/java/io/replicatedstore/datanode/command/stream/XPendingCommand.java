package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.StreamGroup;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * {@code XPENDING key group [[IDLE min-idle-time] start end count [consumer]]}: the summary
 * (count, smallest and largest id, per consumer counts) or the pending entries in a range with
 * their owner, idle time and delivery count.
 */
final class XPendingCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        int argc = ctx.argc();
        if (argc != 3 && (argc < 6 || argc > 9)) {
            throw Errors.syntax();
        }
        StreamId start = null;
        StreamId end = null;
        long count = 0;
        long minIdle = 0;
        byte[] consumerName = null;
        if (argc >= 6) {
            int startIndex = 3;
            if (ctx.argIs(3, "idle")) {
                minIdle = ctx.argLong(4);
                if (argc < 8) {
                    throw Errors.syntax();
                }
                startIndex += 2;
            }
            count = Math.max(0, ctx.argLong(startIndex + 2));
            start = Streams.intervalId(ctx.arg(startIndex), 0, true);
            end = Streams.intervalId(ctx.arg(startIndex + 1), -1L, false);
            if (startIndex + 3 < argc) {
                consumerName = ctx.arg(startIndex + 3);
            }
        }
        StreamValue stream = ctx.db().getStream(ctx.arg(1));
        StreamGroup group = stream == null ? null : stream.group(ctx.arg(2));
        if (group == null) {
            throw new RedisException("NOGROUP No such key '" + ctx.argString(1) + "' or consumer group '"
                    + ctx.argString(2) + "'");
        }
        RespWriter reply = ctx.reply();
        if (argc == 3) {
            summary(reply, group);
            return;
        }
        NavigableMap<StreamId, StreamGroup.Pending> pel = group.pending;
        if (consumerName != null) {
            StreamGroup.Consumer consumer = group.consumer(consumerName);
            if (consumer == null) {
                reply.array(0);
                return;
            }
            pel = consumer.pending;
        }
        long now = ctx.now();
        List<Map.Entry<StreamId, StreamGroup.Pending>> out = new ArrayList<>();
        if (start.compareTo(end) <= 0) {
            for (Map.Entry<StreamId, StreamGroup.Pending> e : pel.subMap(start, true, end, true).entrySet()) {
                if (count == 0) {
                    break;
                }
                if (minIdle != 0 && now - e.getValue().deliveryTime < minIdle) {
                    continue;
                }
                out.add(e);
                count--;
            }
        }
        reply.array(out.size());
        for (Map.Entry<StreamId, StreamGroup.Pending> e : out) {
            StreamGroup.Pending nack = e.getValue();
            reply.array(4).bulk(e.getKey().toBytes()).bulk(nack.consumer.name)
                    .integer(Math.max(0, now - nack.deliveryTime)).integer(nack.deliveryCount);
        }
    }

    private static void summary(RespWriter reply, StreamGroup group) {
        reply.array(4).integer(group.pending.size());
        if (group.pending.isEmpty()) {
            reply.nullBulk().nullBulk().nullArray();
            return;
        }
        reply.bulk(group.pending.firstKey().toBytes()).bulk(group.pending.lastKey().toBytes());
        List<StreamGroup.Consumer> owners = new ArrayList<>();
        for (StreamGroup.Consumer consumer : group.consumers.values()) {
            if (!consumer.pending.isEmpty()) {
                owners.add(consumer);
            }
        }
        reply.array(owners.size());
        for (StreamGroup.Consumer consumer : owners) {
            reply.array(2).bulk(consumer.name).bulk(Long.toString(consumer.pending.size()));
        }
    }
}
