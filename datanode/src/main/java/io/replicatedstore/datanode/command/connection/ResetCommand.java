package io.replicatedstore.datanode.command.connection;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.Server;

/**
 * {@code RESET}: returns the connection to its initial state, as Redis's
 * clearClientConnectionState: leaves MONITOR mode, selects database 0, switches back to RESP2,
 * authenticates as the default user only if it needs no password, discards any transaction and
 * watched keys, drops every subscription without notifications, and clears the name.
 */
final class ResetCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Client client = ctx.client();
        Server server = ctx.server();
        if (client.isMonitor()) {
            server.monitors().remove(client);
            client.monitor(false);
        }
        client.select(0);
        client.protocol(2);
        client.authenticated(Authentication.noPassword(server));
        client.endMulti();
        server.pubsub().removeClient(client);
        client.name("");
        ctx.reply().simple("RESET");
    }
}
