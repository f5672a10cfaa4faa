package io.replicatedstore.datanode.command.transaction;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.Client;

/** {@code UNWATCH}: forgets every watched key, and that any of them was touched. */
final class UnwatchCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Client client = ctx.client();
        if (client.inMulti()) {
            // Only possible as a queued command inside EXEC, which has already checked the
            // watched keys and ends the transaction afterwards.
            ctx.server().watches().unwatchAll(client);
        } else {
            client.endMulti(); // outside MULTI this only unwatches and clears the touched mark
        }
        ctx.reply().ok();
    }
}
