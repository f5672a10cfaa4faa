package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code PSETEX key milliseconds value}. */
final class PSetExCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        SetCommand.set(ctx, ExtendedOptions.PX, ctx.arg(1), ctx.arg(3), 2, "psetex");
        ctx.reply().ok();
    }
}
