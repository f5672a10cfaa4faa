package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.SetValue;

/** {@code SISMEMBER key member}: 1 or 0. */
final class SIsMemberCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        SetValue set = ctx.db().getSet(ctx.arg(1));
        ctx.reply().integer(set != null && set.contains(ctx.arg(2)) ? 1 : 0);
    }
}
