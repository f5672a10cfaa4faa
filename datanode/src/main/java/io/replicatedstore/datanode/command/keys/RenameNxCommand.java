package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code RENAMENX key newkey}: 1 if renamed, 0 if newkey exists (or is the same name). */
final class RenameNxCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().integer(RenameSupport.rename(ctx, true) ? 1 : 0);
    }
}
