package io.replicatedstore.datanode.command.connection;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/**
 * {@code PING [message]}. In RESP2 subscribed mode Redis answers with a "pong" push array.
 */
final class PingCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() > 2) {
            throw io.replicatedstore.datanode.error.Errors.wrongArgs("ping");
        }
        if (ctx.client().protocol() == 2 && ctx.client().subscriptionCount() > 0) {
            ctx.reply().array(2).bulk("pong").bulk(ctx.argc() == 2 ? ctx.arg(1) : new byte[0]);
        } else if (ctx.argc() == 2) {
            ctx.reply().bulk(ctx.arg(1));
        } else {
            ctx.reply().simple("PONG");
        }
    }
}
