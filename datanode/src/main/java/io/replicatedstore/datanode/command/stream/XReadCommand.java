package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.store.StreamGroup;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;
import io.replicatedstore.datanode.util.Numbers;
import io.replicatedstore.datanode.server.KeyspaceEvents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]}: entries
 * after each id ("$": after the stream's last id). With BLOCK and nothing to read, the client
 * waits on the keys; "$" is first replaced by the id it stood for, so the command run again when
 * a key gets data reads what was added since. Woken by a key, it replies with that key's entries
 * only (at most COUNT, or 1000), as Redis serves a blocked XREAD.
 */
final class XReadCommand implements Command {

    private static final int BLOCKED_DEFAULT_COUNT = 1000;
    /** "&gt;" as an id: the entries never delivered to the group. */
    private static final StreamId NEW_ENTRIES = StreamId.MAX;

    private final boolean xreadgroup;

    /** @param xreadgroup XREADGROUP (GROUP and NOACK allowed, "&gt;" instead of "$") rather than XREAD */
    XReadCommand(boolean xreadgroup) {
        this.xreadgroup = xreadgroup;
    }

    @Override
    public void execute(CommandContext ctx) {
        long timeout = -1;
        long count = 0;
        int streamsIndex = 0;
        byte[] groupName = null;
        byte[] consumerName = null;
        boolean noack = false;
        if (xreadgroup) {
            ctx.preventPropagation(); // what it changed goes out as XCLAIM / XGROUP commands
        }
        for (int i = 1; i < ctx.argc(); i++) {
            boolean more = ctx.argc() - i - 1 > 0;
            if (ctx.argIs(i, "block") && more) {
                i++;
                timeout = timeoutMillis(ctx.arg(i));
            } else if (ctx.argIs(i, "count") && more) {
                i++;
                count = Math.max(0, ctx.argLong(i));
            } else if (ctx.argIs(i, "streams") && more) {
                streamsIndex = i + 1;
                if ((ctx.argc() - streamsIndex) % 2 != 0) {
                    throw new RedisException("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
                }
                break;
            } else if (ctx.argIs(i, "group") && ctx.argc() - i - 1 >= 2) {
                if (!xreadgroup) {
                    throw new RedisException("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
                }
                groupName = ctx.arg(i + 1);
                consumerName = ctx.arg(i + 2);
                i += 2;
            } else if (ctx.argIs(i, "noack")) {
                if (!xreadgroup) {
                    throw new RedisException("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
                }
                noack = true;
            } else {
                throw Errors.syntax();
            }
        }
        if (streamsIndex == 0) {
            throw Errors.syntax();
        }
        if (xreadgroup && groupName == null) {
            throw new RedisException("ERR Missing GROUP option for XREADGROUP");
        }
        byte[] ready = ctx.readyKey();
        if (ready != null && groupName != null) {
            servedBlockedGroupRead(ctx, ready, groupName, consumerName, noack, count, timeout);
            return;
        }
        int streams = (ctx.argc() - streamsIndex) / 2;
        StreamId[] after = new StreamId[streams];
        StreamGroup[] groups = new StreamGroup[streams];
        for (int i = 0; i < streams; i++) {
            byte[] key = ctx.arg(streamsIndex + i);
            byte[] id = ctx.arg(streamsIndex + streams + i);
            StreamValue stream = ctx.db().getStream(key);
            if (groupName != null) {
                groups[i] = stream == null ? null : stream.group(groupName);
                if (groups[i] == null) {
                    throw new RedisException("NOGROUP No such key '" + Groups.text(key) + "' or consumer group '"
                            + Groups.text(groupName) + "' in XREADGROUP with GROUP option");
                }
            }
            if (id.length == 1 && id[0] == '$') {
                if (xreadgroup) {
                    throw new RedisException("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read "
                            + "the history of this consumer by specifying a proper ID, or use the > ID to get new messages. "
                            + "The $ ID would just return an empty result set.");
                }
                after[i] = stream == null ? StreamId.MIN : stream.lastId();
            } else if (id.length == 1 && id[0] == '>') {
                if (!xreadgroup) {
                    throw new RedisException("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.");
                }
                after[i] = NEW_ENTRIES;
            } else {
                after[i] = Streams.strictId(id, 0);
            }
        }
        if (groupName != null) {
            readGroups(ctx, streamsIndex, streams, after, groups, groupName, consumerName, noack, count, timeout);
            return;
        }
        if (ready != null && count == 0) {
            count = BLOCKED_DEFAULT_COUNT;
        }
        List<Integer> served = new ArrayList<>();
        List<List<StreamValue.Entry>> found = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            byte[] key = ctx.arg(streamsIndex + i);
            if (ready != null && !Arrays.equals(ready, key)) {
                continue;
            }
            StreamValue stream = ctx.db().getStream(key);
            if (stream == null || stream.length() == 0 || Streams.lastValidId(stream).compareTo(after[i]) <= 0) {
                continue;
            }
            served.add(i);
            found.add(stream.range(after[i].next(), StreamId.MAX, count, false));
            if (ready != null) {
                break;
            }
        }
        if (!served.isEmpty()) {
            if (ctx.reply().isResp3()) {
                ctx.reply().map(served.size());
            } else {
                ctx.reply().array(served.size());
            }
            for (int k = 0; k < served.size(); k++) {
                if (!ctx.reply().isResp3()) {
                    ctx.reply().array(2);
                }
                ctx.reply().bulk(ctx.arg(streamsIndex + served.get(k)));
                Streams.replyEntries(ctx.reply(), found.get(k));
            }
            return;
        }
        if (timeout == -1) {
            ctx.reply().nullArray();
            return;
        }
        // The command runs again when a key gets data: "$" must then mean the id it meant now.
        List<byte[]> keys = new ArrayList<>(streams);
        for (int i = 0; i < streams; i++) {
            keys.add(ctx.arg(streamsIndex + i));
            ctx.argv()[streamsIndex + streams + i] = after[i].toBytes();
        }
        ctx.block(keys, timeout == 0 ? 0 : deadline(ctx, timeout));
    }

    /** XREADGROUP's first run: history (an explicit id) or new entries ("&gt;"), else block or a null reply. */
    private void readGroups(CommandContext ctx, int streamsIndex, int streams, StreamId[] after, StreamGroup[] groups,
                            byte[] groupName, byte[] consumerName, boolean noack, long count, long timeout) {
        List<Integer> served = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            StreamValue stream = ctx.db().getStream(ctx.arg(streamsIndex + i));
            if (stream == null) {
                continue;
            }
            boolean history = !after[i].equals(NEW_ENTRIES);
            if (history || stream.length() > 0 && stream.lastValidId().compareTo(groups[i].lastId) > 0) {
                served.add(i);
            }
        }
        if (served.isEmpty()) {
            if (timeout == -1) {
                ctx.reply().nullArray();
                return;
            }
            List<byte[]> keys = new ArrayList<>(streams);
            for (int i = 0; i < streams; i++) {
                keys.add(ctx.arg(streamsIndex + i));
            }
            ctx.block(keys, timeout == 0 ? 0 : deadline(ctx, timeout));
            return;
        }
        if (ctx.reply().isResp3()) {
            ctx.reply().map(served.size());
        } else {
            ctx.reply().array(served.size());
        }
        for (int i : served) {
            byte[] key = ctx.arg(streamsIndex + i);
            StreamValue stream = ctx.db().getStream(key);
            if (!ctx.reply().isResp3()) {
                ctx.reply().array(2);
            }
            ctx.reply().bulk(key);
            StreamGroup.Consumer consumer = consumer(ctx, key, groupName, groups[i], consumerName, noack);
            if (after[i].equals(NEW_ENTRIES)) {
                Groups.deliver(ctx, ctx.reply(), key, groupName, stream, groups[i], consumer,
                        groups[i].lastId.next(), count, noack);
            } else {
                history(ctx, stream, consumer, after[i].next(), count);
            }
            ctx.dirty(1);
        }
    }

    /** A blocked XREADGROUP run again because its key changed (serveClientsBlockedOnStreamKey). */
    private void servedBlockedGroupRead(CommandContext ctx, byte[] key, byte[] groupName, byte[] consumerName,
                                        boolean noack, long count, long timeout) {
        Object value = ctx.db().get(key);
        if (!(value instanceof StreamValue stream)) {
            throw new RedisException("UNBLOCKED the stream key no longer exists");
        }
        StreamGroup group = stream.group(groupName);
        if (group == null) {
            throw new RedisException("NOGROUP the consumer group this client was blocked on no longer exists");
        }
        if (stream.lastId().compareTo(group.lastId) <= 0) {
            List<byte[]> keys = new ArrayList<>();
            int streamsIndex = 0;
            for (int i = 1; i < ctx.argc(); i++) {
                if (ctx.argIs(i, "streams")) {
                    streamsIndex = i + 1;
                    break;
                }
            }
            int streams = (ctx.argc() - streamsIndex) / 2;
            for (int i = 0; i < streams; i++) {
                keys.add(ctx.arg(streamsIndex + i));
            }
            // Another consumer of the group took the new entries: wait again (the timeout restarts).
            ctx.block(keys, timeout == 0 ? 0 : deadline(ctx, timeout));
            return;
        }
        if (ctx.reply().isResp3()) {
            ctx.reply().map(1);
        } else {
            ctx.reply().array(1).array(2);
        }
        ctx.reply().bulk(key);
        StreamGroup.Consumer consumer = consumer(ctx, key, groupName, group, consumerName, noack);
        Groups.deliver(ctx, ctx.reply(), key, groupName, stream, group, consumer, group.lastId.next(),
                count == 0 ? BLOCKED_DEFAULT_COUNT : count, noack);
        ctx.dirty(1);
    }

    private static StreamGroup.Consumer consumer(CommandContext ctx, byte[] key, byte[] groupName, StreamGroup group,
                                                 byte[] name, boolean noack) {
        StreamGroup.Consumer consumer = group.consumer(name);
        if (consumer != null) {
            consumer.seenTime = ctx.now();
            return consumer;
        }
        consumer = group.createConsumer(name.clone(), ctx.now());
        ctx.keyspaceEvent(KeyspaceEvents.STREAM, "xgroup-createconsumer", key);
        if (noack) {
            Groups.propagateConsumerCreation(ctx, key, groupName, name);
        }
        return consumer;
    }

    /** The consumer's own pending entries from {@code start} (streamReplyWithRangeFromConsumerPEL). */
    private static void history(CommandContext ctx, StreamValue stream, StreamGroup.Consumer consumer, StreamId start,
                                long count) {
        List<Map.Entry<StreamId, StreamGroup.Pending>> pending = new ArrayList<>();
        for (Map.Entry<StreamId, StreamGroup.Pending> e : consumer.pending.tailMap(start == null ? StreamId.MAX : start,
                start != null).entrySet()) {
            if (count > 0 && pending.size() >= count) {
                break;
            }
            pending.add(e);
        }
        ctx.reply().array(pending.size());
        for (Map.Entry<StreamId, StreamGroup.Pending> e : pending) {
            StreamValue.Entry entry = stream.entry(e.getKey());
            if (entry == null) {
                ctx.reply().array(2).bulk(e.getKey().toBytes()).nullArray();
                continue;
            }
            Streams.replyEntry(ctx.reply(), entry);
            e.getValue().deliveryTime = ctx.now();
            e.getValue().deliveryCount++;
        }
    }

    /** BLOCK's milliseconds (Redis's getTimeoutFromObjectOrReply in milliseconds). */
    private static long timeoutMillis(byte[] arg) {
        Long ms = Numbers.parseLong(arg);
        if (ms == null) {
            throw new RedisException("ERR timeout is not an integer or out of range");
        }
        if (ms < 0) {
            throw new RedisException(Errors.TIMEOUT_NEGATIVE);
        }
        return ms;
    }

    private static long deadline(CommandContext ctx, long timeout) {
        long deadline = ctx.now() + timeout;
        return deadline < 0 ? Long.MAX_VALUE : deadline;
    }
}
