package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.HelpReply;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.server.SlowLog;
import io.replicatedstore.datanode.util.Numbers;

import java.util.List;

/**
 * {@code SLOWLOG GET [count]}: the newest {@code count} entries (10 by default, -1 for all), each
 * [id, unix time, microseconds, [arguments], client address, client name].
 */
final class SlowlogGetCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() > 3) {
            throw HelpReply.syntaxError(ctx);
        }
        long count = 10;
        if (ctx.argc() == 3) {
            Long parsed = Numbers.parseLong(ctx.arg(2));
            if (parsed == null || parsed < -1) {
                throw new RedisException("ERR count should be greater than or equal to -1");
            }
            count = parsed == -1 ? ctx.server().slowlog().size() : parsed;
        }
        List<SlowLog.Entry> entries = ctx.server().slowlog().newest(count);
        ctx.reply().array(entries.size());
        for (SlowLog.Entry entry : entries) {
            ctx.reply().array(6)
                    .integer(entry.id())
                    .integer(entry.timestampSeconds())
                    .integer(entry.durationMicros())
                    .bulks(entry.args())
                    .bulk(entry.clientAddress())
                    .bulk(entry.clientName());
        }
    }
}
