package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;

/** {@code BGSAVE [SCHEDULE]}: starts a background save (or schedules one after the running one). */
final class BgsaveCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        boolean schedule = false;
        if (ctx.argc() == 2 && ctx.argIs(1, "schedule")) {
            schedule = true;
        } else if (ctx.argc() > 1) {
            throw Errors.syntax();
        }
        ctx.reply().simple(ctx.persistence().bgsaveCommand(schedule));
    }
}
