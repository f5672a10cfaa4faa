package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code SETNX key value}: 1 if the key was set, 0 if it already existed. */
final class SetNxCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        SetCommand.SetOutcome outcome = SetCommand.set(ctx, ExtendedOptions.NX, ctx.arg(1), ctx.arg(2), -1, "setnx");
        ctx.reply().integer(outcome == SetCommand.SetOutcome.DONE ? 1 : 0);
    }
}
