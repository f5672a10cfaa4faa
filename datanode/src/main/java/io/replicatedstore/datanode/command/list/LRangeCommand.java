package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.ListValue;

/** {@code LRANGE key start stop}. */
final class LRangeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        long start = ctx.argLong(2);
        long stop = ctx.argLong(3);
        ListValue list = ctx.db().getList(ctx.arg(1));
        int[] range = list == null ? null : ListValue.normalizeRange(start, stop, list.size());
        if (range == null) {
            ctx.reply().array(0);
            return;
        }
        ctx.reply().array(range[1] - range[0] + 1);
        for (int i = range[0]; i <= range[1]; i++) {
            ctx.reply().bulk(list.get(i));
        }
    }
}
