package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code SDIFF key [key ...]}: the members of the first set in none of the others, as a set reply. */
final class SDiffCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Sets.replySet(ctx, Sets.diff(ctx, Sets.lookup(ctx, 1, ctx.argc())).members());
    }
}
