package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;
import io.replicatedstore.datanode.util.Numbers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]}: entries
 * after each id ("$": after the stream's last id). With BLOCK and nothing to read, the client
 * waits on the keys; "$" is first replaced by the id it stood for, so the command run again when
 * a key gets data reads what was added since. Woken by a key, it replies with that key's entries
 * only (at most COUNT, or 1000), as Redis serves a blocked XREAD.
 */
final class XReadCommand implements Command {

    private static final int BLOCKED_DEFAULT_COUNT = 1000;

    @Override
    public void execute(CommandContext ctx) {
        long timeout = -1;
        long count = 0;
        int streamsIndex = 0;
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
                throw new RedisException("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
            } else if (ctx.argIs(i, "noack")) {
                throw new RedisException("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
            } else {
                throw Errors.syntax();
            }
        }
        if (streamsIndex == 0) {
            throw Errors.syntax();
        }
        int streams = (ctx.argc() - streamsIndex) / 2;
        StreamId[] after = new StreamId[streams];
        for (int i = 0; i < streams; i++) {
            byte[] key = ctx.arg(streamsIndex + i);
            byte[] id = ctx.arg(streamsIndex + streams + i);
            StreamValue stream = ctx.db().getStream(key);
            if (id.length == 1 && id[0] == '$') {
                after[i] = stream == null ? StreamId.MIN : stream.lastId();
            } else if (id.length == 1 && id[0] == '>') {
                throw new RedisException("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.");
            } else {
                after[i] = Streams.strictId(id, 0);
            }
        }
        byte[] ready = ctx.readyKey();
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
