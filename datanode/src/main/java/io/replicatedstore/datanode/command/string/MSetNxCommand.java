package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;

/** {@code MSETNX key value [key value ...]}: sets nothing (and answers 0) if any key exists. */
final class MSetNxCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() % 2 == 0) {
            throw Errors.wrongArgs("msetnx");
        }
        for (int i = 1; i < ctx.argc(); i += 2) {
            if (ctx.db().get(ctx.arg(i)) != null) {
                ctx.reply().integer(0);
                return;
            }
        }
        MSetCommand.setAll(ctx);
        ctx.reply().integer(1);
    }
}
