package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;

/**
 * {@code MONITOR}: from now on the connection receives every command the server runs (the
 * dispatcher feeds it). Ignored, without reply, when the connection already monitors.
 */
final class MonitorCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.inExec()) {
            throw new RedisException("ERR MONITOR isn't allowed for DENY BLOCKING client");
        }
        if (ctx.client().isMonitor()) {
            return;
        }
        ctx.client().monitor(true);
        ctx.server().monitors().add(ctx.client());
        ctx.reply().ok();
    }
}
