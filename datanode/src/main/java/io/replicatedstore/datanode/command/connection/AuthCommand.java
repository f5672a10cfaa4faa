package io.replicatedstore.datanode.command.connection;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;

import java.nio.charset.StandardCharsets;

/**
 * {@code AUTH [username] password}: authenticates the connection as the default user. A failed
 * attempt leaves the connection's state as it was (an authenticated client stays authenticated).
 */
final class AuthCommand implements Command {

    static final String NO_PASSWORD_CONFIGURED = "ERR AUTH <password> called without any password configured "
            + "for the default user. Are you sure your configuration is correct?";

    private static final byte[] DEFAULT_USER = Authentication.DEFAULT_USER.getBytes(StandardCharsets.US_ASCII);

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() > 3) {
            throw Errors.syntax();
        }
        byte[] user;
        byte[] password;
        if (ctx.argc() == 2) {
            if (Authentication.noPassword(ctx.server())) {
                throw new RedisException(NO_PASSWORD_CONFIGURED);
            }
            user = DEFAULT_USER;
            password = ctx.arg(1);
        } else {
            user = ctx.arg(1);
            password = ctx.arg(2);
        }
        if (!Authentication.check(ctx.server(), user, password)) {
            throw new RedisException(Errors.WRONGPASS);
        }
        ctx.client().authenticated(true);
        ctx.reply().ok();
    }
}
