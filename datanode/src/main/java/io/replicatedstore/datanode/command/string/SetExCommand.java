package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code SETEX key seconds value}. */
final class SetExCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        SetCommand.set(ctx, ExtendedOptions.EX, ctx.arg(1), ctx.arg(3), 2, "setex");
        ctx.reply().ok();
    }
}
