package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.ListValue;

/** {@code LLEN key}. */
final class LLenCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ListValue list = ctx.db().getList(ctx.arg(1));
        ctx.reply().integer(list == null ? 0 : list.size());
    }
}
