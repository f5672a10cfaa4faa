package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code CLIENT GETNAME}: the connection's name, or null when it has none. */
final class ClientGetNameCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        String name = ctx.client().name();
        if (name == null || name.isEmpty()) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().bulk(name);
        }
    }
}
