package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]}. */
final class LMPopCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Lists.lmpop(ctx, 1, false);
    }
}
