package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.ListValue;

/** {@code LINDEX key index}. */
final class LIndexCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ListValue list = ctx.db().getList(ctx.arg(1));
        if (list == null) {
            ctx.reply().nullBulk();
            return;
        }
        int index = ListValue.normalizeIndex(ctx.argLong(2), list.size());
        ctx.reply().bulk(index < 0 ? null : list.get(index));
    }
}
