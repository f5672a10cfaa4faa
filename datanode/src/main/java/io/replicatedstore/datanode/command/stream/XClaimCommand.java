package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.store.StreamGroup;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-ms]
 * [RETRYCOUNT count] [FORCE] [JUSTID] [LASTID id]}: gives pending entries idle for at least
 * min-idle-time to the consumer. Propagated as one idempotent XCLAIM per entry (and XGROUP SETID
 * when only LASTID moved the group), never as itself.
 */
final class XClaimCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        byte[] groupName = ctx.arg(2);
        StreamValue stream = ctx.db().getStream(key);
        StreamGroup group = stream == null ? null : stream.group(groupName);
        if (group == null) {
            throw new RedisException("NOGROUP No such key '" + ctx.argString(1) + "' or consumer group '"
                    + ctx.argString(2) + "'");
        }
        long minIdle = Math.max(0, ctx.argLong(4, "ERR Invalid min-idle-time argument for XCLAIM"));
        List<StreamId> ids = new ArrayList<>();
        int j = 5;
        for (; j < ctx.argc(); j++) {
            StreamId id = StreamId.parse(ctx.arg(j), 0);
            if (id == null) {
                break;
            }
            ids.add(id);
        }
        long now = ctx.now();
        long deliveryTime = -1;
        long retryCount = -1;
        boolean force = false;
        boolean justId = false;
        StreamId lastId = StreamId.MIN;
        for (; j < ctx.argc(); j++) {
            boolean more = ctx.argc() - 1 - j > 0;
            if (ctx.argIs(j, "force")) {
                force = true;
            } else if (ctx.argIs(j, "justid")) {
                justId = true;
            } else if (ctx.argIs(j, "idle") && more) {
                deliveryTime = now - ctx.argLong(++j, "ERR Invalid IDLE option argument for XCLAIM");
            } else if (ctx.argIs(j, "time") && more) {
                deliveryTime = ctx.argLong(++j, "ERR Invalid TIME option argument for XCLAIM");
            } else if (ctx.argIs(j, "retrycount") && more) {
                retryCount = ctx.argLong(++j, "ERR Invalid RETRYCOUNT option argument for XCLAIM");
            } else if (ctx.argIs(j, "lastid") && more) {
                lastId = Streams.strictId(ctx.arg(++j), 0);
            } else {
                throw new RedisException("ERR Unrecognized XCLAIM option '" + ctx.argString(j) + "'");
            }
        }
        ctx.preventPropagation();
        boolean propagateLastId = false;
        if (lastId.compareTo(group.lastId) > 0) {
            group.lastId = lastId;
            propagateLastId = true;
        }
        if (deliveryTime == -1 || deliveryTime < 0 || deliveryTime > now) {
            deliveryTime = now;
        }
        StreamGroup.Consumer consumer = null;
        List<Object> claimed = new ArrayList<>();
        for (StreamId id : ids) {
            StreamGroup.Pending nack = group.pending.get(id);
            StreamValue.Entry entry = stream.entry(id);
            if (entry == null) {
                if (nack != null) {
                    // The entry was deleted: the claim drops it from the PEL, here and on replicas.
                    Groups.propagateClaim(ctx, key, groupName, group, id, nack);
                    propagateLastId = false;
                    ctx.dirty(1);
                    group.ack(id);
                }
                continue;
            }
            if (force && nack == null) {
                nack = new StreamGroup.Pending(null, now, 0);
                group.pending.put(id, nack);
            }
            if (nack == null) {
                continue;
            }
            if (nack.consumer != null && minIdle != 0 && now - nack.deliveryTime < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = Groups.lookupOrCreate(ctx, ctx.arg(1), group, ctx.arg(3));
            }
            if (nack.consumer != consumer) {
                if (nack.consumer != null) {
                    nack.consumer.pending.remove(id);
                }
                nack.consumer = consumer;
                consumer.pending.put(id, nack);
            }
            nack.deliveryTime = deliveryTime;
            if (retryCount >= 0) {
                nack.deliveryCount = retryCount;
            } else if (!justId) {
                nack.deliveryCount++;
            }
            claimed.add(justId ? id : entry);
            Groups.propagateClaim(ctx, key, groupName, group, id, nack);
            propagateLastId = false;
            ctx.dirty(1);
        }
        if (propagateLastId) {
            Groups.propagateGroupId(ctx, key, groupName, group);
            ctx.dirty(1);
        }
        ctx.reply().array(claimed.size());
        for (Object c : claimed) {
            if (c instanceof StreamId id) {
                ctx.reply().bulk(id.toBytes());
            } else {
                Streams.replyEntry(ctx.reply(), (StreamValue.Entry) c);
            }
        }
    }
}
