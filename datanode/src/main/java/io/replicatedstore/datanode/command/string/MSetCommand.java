package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.server.KeyspaceEvents;

/** {@code MSET key value [key value ...]}. */
final class MSetCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() % 2 == 0) {
            throw Errors.wrongArgs("mset");
        }
        setAll(ctx);
        ctx.reply().ok();
    }

    static void setAll(CommandContext ctx) {
        for (int i = 1; i < ctx.argc(); i += 2) {
            ctx.db().put(ctx.arg(i), ctx.arg(i + 1));
            ctx.modified(ctx.arg(i));
            ctx.keyspaceEvent(KeyspaceEvents.STRING, "set", ctx.arg(i));
        }
    }
}
