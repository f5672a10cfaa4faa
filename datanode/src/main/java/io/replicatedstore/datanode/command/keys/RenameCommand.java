package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code RENAME key newkey}: overwrites newkey; "ERR no such key" when key is missing. */
final class RenameCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        RenameSupport.rename(ctx, false);
        ctx.reply().ok();
    }
}
