package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.SetValue;

/** {@code SCARD key}. */
final class SCardCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        SetValue set = ctx.db().getSet(ctx.arg(1));
        ctx.reply().integer(set == null ? 0 : set.size());
    }
}
