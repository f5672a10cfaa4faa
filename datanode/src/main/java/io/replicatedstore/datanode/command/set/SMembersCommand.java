package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.SetValue;

/** {@code SMEMBERS key}: a set reply (RESP3 ~), empty for a missing key. */
final class SMembersCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        SetValue set = ctx.db().getSet(ctx.arg(1));
        if (set == null) {
            ctx.reply().set(0);
            return;
        }
        Sets.replySet(ctx, set.members());
    }
}
