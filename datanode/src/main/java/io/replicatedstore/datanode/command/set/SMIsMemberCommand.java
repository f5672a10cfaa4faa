package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.SetValue;

/** {@code SMISMEMBER key member [member ...]}: an array of 1 or 0, one per member. */
final class SMIsMemberCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        SetValue set = ctx.db().getSet(ctx.arg(1));
        ctx.reply().array(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) {
            ctx.reply().integer(set != null && set.contains(ctx.arg(i)) ? 1 : 0);
        }
    }
}
