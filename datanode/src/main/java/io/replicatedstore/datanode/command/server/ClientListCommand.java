package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.server.ClientDescriptions;
import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.util.Numbers;

/**
 * {@code CLIENT LIST [TYPE NORMAL|MASTER|REPLICA|PUBSUB] | [ID client-id [client-id ...]]}: one
 * line per connection, each ending in a newline (Redis 7.0 takes TYPE or ID, not both).
 */
final class ClientListCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        long now = ctx.server().clock().millis();
        StringBuilder out = new StringBuilder();
        if (ctx.argc() == 4 && ctx.argIs(2, "type")) {
            ClientDescriptions.Type type = ClientDescriptions.typeByName(ctx.argString(3));
            if (type == null) {
                throw new RedisException("ERR Unknown client type '" + ctx.argString(3) + "'");
            }
            for (Client client : ctx.server().clients()) {
                if (ClientDescriptions.type(client) == type) {
                    append(out, ctx, client, now);
                }
            }
        } else if (ctx.argc() > 3 && ctx.argIs(2, "id")) {
            for (int i = 3; i < ctx.argc(); i++) {
                Long id = Numbers.parseLong(ctx.arg(i));
                if (id == null) {
                    throw new RedisException("ERR Invalid client ID");
                }
                Client client = ctx.server().client(id);
                if (client != null) {
                    append(out, ctx, client, now);
                }
            }
        } else if (ctx.argc() != 2) {
            throw Errors.syntax();
        } else {
            for (Client client : ctx.server().clients()) {
                append(out, ctx, client, now);
            }
        }
        ctx.reply().verbatim(out.toString());
    }

    private static void append(StringBuilder out, CommandContext ctx, Client client, long now) {
        String current = client == ctx.client() ? ctx.spec().fullName() : null;
        out.append(ClientDescriptions.line(client, now, current)).append('\n');
    }
}
