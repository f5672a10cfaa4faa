package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;

/**
 * {@code XRANGE key start end [COUNT count]} and {@code XREVRANGE key end start [COUNT count]}:
 * "-" and "+" for the ends, "(" for an exclusive bound, a bare ms for a whole millisecond.
 */
final class XRangeCommand implements Command {

    private final boolean reverse;

    XRangeCommand(boolean reverse) {
        this.reverse = reverse;
    }

    @Override
    public void execute(CommandContext ctx) {
        StreamId start = Streams.intervalId(ctx.arg(reverse ? 3 : 2), 0, true);
        StreamId end = Streams.intervalId(ctx.arg(reverse ? 2 : 3), -1L, false);
        long count = -1;
        for (int j = 4; j < ctx.argc(); j++) {
            if (ctx.argIs(j, "count") && ctx.argc() - j - 1 >= 1) {
                count = Math.max(0, ctx.argLong(j + 1));
                j++;
            } else {
                throw Errors.syntax();
            }
        }
        StreamValue stream = ctx.db().getStream(ctx.arg(1));
        if (stream == null) {
            ctx.reply().array(0);
            return;
        }
        if (count == 0) {
            ctx.reply().nullArray();
            return;
        }
        Streams.replyEntries(ctx.reply(), stream.range(start, end, count, reverse));
    }
}
