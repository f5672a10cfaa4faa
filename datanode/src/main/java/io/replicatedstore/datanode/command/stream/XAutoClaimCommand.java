package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.store.StreamGroup;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;
import io.replicatedstore.datanode.util.Numbers;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID]}: claims up to
 * COUNT pending entries idle long enough, scanning at most ten times COUNT PEL entries from
 * start. Replies [next start id, claimed entries, ids of deleted entries it dropped from the PEL],
 * as Redis 7.0; propagated as one XCLAIM per entry.
 */
final class XAutoClaimCommand implements Command {

    private static final int ATTEMPTS_FACTOR = 10;
    private static final long MAX_COUNT = Long.MAX_VALUE / 16;

    @Override
    public void execute(CommandContext ctx) {
        long minIdle = Math.max(0, ctx.argLong(4, "ERR Invalid min-idle-time argument for XAUTOCLAIM"));
        StreamId start = Streams.intervalId(ctx.arg(5), 0, true);
        long count = 100;
        boolean justId = false;
        for (int j = 6; j < ctx.argc(); j++) {
            boolean more = ctx.argc() - 1 - j > 0;
            if (ctx.argIs(j, "count") && more) {
                Long n = Numbers.parseLong(ctx.arg(j + 1));
                if (n == null || n < 1 || n > MAX_COUNT) {
                    throw new RedisException("ERR COUNT must be > 0");
                }
                count = n;
                j++;
            } else if (ctx.argIs(j, "justid")) {
                justId = true;
            } else {
                throw Errors.syntax();
            }
        }
        byte[] key = ctx.arg(1);
        byte[] groupName = ctx.arg(2);
        StreamValue stream = ctx.db().getStream(key);
        StreamGroup group = stream == null ? null : stream.group(groupName);
        if (group == null) {
            throw new RedisException("NOGROUP No such key '" + ctx.argString(1) + "' or consumer group '"
                    + ctx.argString(2) + "'");
        }
        ctx.preventPropagation();
        long attempts = count * ATTEMPTS_FACTOR;
        long now = ctx.now();
        StreamGroup.Consumer consumer = null;
        List<Object> claimed = new ArrayList<>();
        List<StreamId> deleted = new ArrayList<>();
        StreamId cursor = start;
        while (attempts-- != 0 && count != 0 && cursor != null) {
            StreamId id = group.pending.ceilingKey(cursor);
            if (id == null) {
                cursor = null;
                break;
            }
            cursor = id.next();
            StreamGroup.Pending nack = group.pending.get(id);
            StreamValue.Entry entry = stream.entry(id);
            if (entry == null) {
                Groups.propagateClaim(ctx, key, groupName, group, id, nack);
                ctx.dirty(1);
                group.ack(id);
                deleted.add(id);
                count--;
                continue;
            }
            if (minIdle != 0 && now - nack.deliveryTime < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = Groups.lookupOrCreate(ctx, ctx.arg(1), group, ctx.arg(3));
            }
            group.assign(id, nack, consumer);
            nack.deliveryTime = now;
            if (!justId) {
                nack.deliveryCount++;
            }
            claimed.add(justId ? id : entry);
            count--;
            Groups.propagateClaim(ctx, key, groupName, group, id, nack);
            ctx.dirty(1);
        }
        StreamId next = cursor == null ? null : group.pending.ceilingKey(cursor);
        ctx.reply().array(3).bulk((next == null ? StreamId.MIN : next).toBytes());
        ctx.reply().array(claimed.size());
        for (Object c : claimed) {
            if (c instanceof StreamId id) {
                ctx.reply().bulk(id.toBytes());
            } else {
                Streams.replyEntry(ctx.reply(), (StreamValue.Entry) c);
            }
        }
        ctx.reply().array(deleted.size());
        for (StreamId id : deleted) {
            ctx.reply().bulk(id.toBytes());
        }
    }
}
