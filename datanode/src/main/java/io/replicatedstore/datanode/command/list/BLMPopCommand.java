package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]}. */
final class BLMPopCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Lists.lmpop(ctx, 2, true);
    }
}
