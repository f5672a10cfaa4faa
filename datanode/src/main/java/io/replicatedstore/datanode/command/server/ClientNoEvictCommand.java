package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;

/** {@code CLIENT NO-EVICT ON|OFF}: exempts the connection from client eviction. */
final class ClientNoEvictCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argIs(2, "on")) {
            ctx.client().noEvict(true);
        } else if (ctx.argIs(2, "off")) {
            ctx.client().noEvict(false);
        } else {
            throw Errors.syntax();
        }
        ctx.reply().ok();
    }
}
