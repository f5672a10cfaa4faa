package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/**
 * {@code UNLINK key [key ...]}: DEL whose memory is reclaimed in the background; here the
 * garbage collector does that anyway.
 */
final class UnlinkCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().integer(DelCommand.deleteAll(ctx));
    }
}
