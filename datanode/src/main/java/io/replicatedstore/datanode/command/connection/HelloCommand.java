package io.replicatedstore.datanode.command.connection;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.Server;

import java.nio.charset.StandardCharsets;

/**
 * {@code HELLO [protover [AUTH username password] [SETNAME clientname]]}: switches the protocol,
 * optionally authenticating and naming the connection, and describes the server. Options are
 * applied in the order given, as Redis 7.0 does: a SETNAME before a failing AUTH still names
 * the connection, but the protocol only changes once everything succeeded.
 */
final class HelloCommand implements Command {

    static final String PROTOCOL_NOT_INTEGER = "ERR Protocol version is not an integer or out of range";
    static final String NOPROTO = "NOPROTO unsupported protocol version";
    static final String NOAUTH = "NOAUTH HELLO must be called with the client already authenticated, otherwise the "
            + "HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol "
            + "version at the same time";
    static final String INVALID_NAME = "ERR Client names cannot contain spaces, newlines or special characters.";

    @Override
    public void execute(CommandContext ctx) {
        Client client = ctx.client();
        long version = 0;
        int next = 1;
        if (ctx.argc() >= 2) {
            version = ctx.argLong(next++, PROTOCOL_NOT_INTEGER);
            if (version < 2 || version > 3) {
                throw new RedisException(NOPROTO);
            }
        }
        for (int j = next; j < ctx.argc(); j++) {
            int more = ctx.argc() - 1 - j;
            if (ctx.argIs(j, "AUTH") && more >= 2) {
                if (!Authentication.check(ctx.server(), ctx.arg(j + 1), ctx.arg(j + 2))) {
                    throw new RedisException(Errors.WRONGPASS);
                }
                client.authenticated(true);
                j += 2;
            } else if (ctx.argIs(j, "SETNAME") && more >= 1) {
                setName(client, ctx.arg(j + 1));
                j++;
            } else {
                throw new RedisException("ERR Syntax error in HELLO option '" + ctx.argString(j) + "'");
            }
        }
        if (!client.authenticated()) {
            throw new RedisException(NOAUTH);
        }
        if (version != 0) {
            client.protocol((int) version);
        }
        RespWriter out = ctx.reply();
        out.map(7);
        out.bulk("server").bulk("redis");
        out.bulk("version").bulk(Server.VERSION);
        out.bulk("proto").integer(client.protocol());
        out.bulk("id").integer(client.id());
        out.bulk("mode").bulk("standalone");
        out.bulk("role").bulk(ctx.replication().isReplica() ? "replica" : "master");
        out.bulk("modules").array(0);
    }

    /** Redis's clientSetName: an empty name clears it; otherwise only '!'..'~' are allowed. */
    static void setName(Client client, byte[] name) {
        for (byte b : name) {
            if (b < '!' || b > '~') {
                throw new RedisException(INVALID_NAME);
            }
        }
        client.name(new String(name, StandardCharsets.US_ASCII));
    }
}
