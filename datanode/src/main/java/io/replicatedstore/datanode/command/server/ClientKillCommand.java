package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.server.ClientDescriptions;
import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.util.Numbers;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code CLIENT KILL ip:port} (old form: OK or "No such client", may kill the caller) and
 * {@code CLIENT KILL [ID id] [TYPE type] [USER username] [ADDR ip:port] [LADDR ip:port] [SKIPME yes/no]}
 * (new form: the number killed; the caller is skipped unless SKIPME no). A killed caller is
 * closed after its reply.
 */
final class ClientKillCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        String addr = null;
        String laddr = null;
        String user = null;
        ClientDescriptions.Type type = null;
        long id = 0;
        boolean skipMe = true;
        boolean oldForm = ctx.argc() == 3;
        if (oldForm) {
            addr = ctx.argString(2);
            skipMe = false;
        } else {
            for (int i = 2; i < ctx.argc(); i += 2) {
                boolean more = i + 1 < ctx.argc();
                if (ctx.argIs(i, "id") && more) {
                    Long value = Numbers.parseLong(ctx.arg(i + 1));
                    if (value == null || value < 1) {
                        throw new RedisException("ERR client-id should be greater than 0");
                    }
                    id = value;
                } else if (ctx.argIs(i, "type") && more) {
                    type = ClientDescriptions.typeByName(ctx.argString(i + 1));
                    if (type == null) {
                        throw new RedisException("ERR Unknown client type '" + ctx.argString(i + 1) + "'");
                    }
                } else if (ctx.argIs(i, "addr") && more) {
                    addr = ctx.argString(i + 1);
                } else if (ctx.argIs(i, "laddr") && more) {
                    laddr = ctx.argString(i + 1);
                } else if (ctx.argIs(i, "user") && more) {
                    user = ctx.argString(i + 1);
                    // Only the default user exists until ACLs do.
                    if (!user.equals("default")) {
                        throw new RedisException("ERR No such user '" + user + "'");
                    }
                } else if (ctx.argIs(i, "skipme") && more) {
                    if (ctx.argIs(i + 1, "yes")) {
                        skipMe = true;
                    } else if (ctx.argIs(i + 1, "no")) {
                        skipMe = false;
                    } else {
                        throw Errors.syntax();
                    }
                } else {
                    throw Errors.syntax();
                }
            }
        }
        List<Client> victims = new ArrayList<>();
        boolean killMe = false;
        for (Client client : ctx.server().clients()) {
            if (addr != null && !client.address().equals(addr)) {
                continue;
            }
            if (laddr != null && !client.localAddress().equals(laddr)) {
                continue;
            }
            if (type != null && ClientDescriptions.type(client) != type) {
                continue;
            }
            if (id != 0 && client.id() != id) {
                continue;
            }
            if (user != null && !client.user().equals(user)) {
                continue;
            }
            if (client == ctx.client()) {
                if (skipMe) {
                    continue;
                }
                killMe = true;
            } else {
                victims.add(client);
            }
        }
        victims.forEach(Client::kill);
        int killed = victims.size() + (killMe ? 1 : 0);
        if (oldForm) {
            if (killed == 0) {
                throw new RedisException("ERR No such client");
            }
            ctx.reply().ok();
        } else {
            ctx.reply().integer(killed);
        }
        if (killMe) {
            ctx.client().closeAfterReply();
        }
    }
}
