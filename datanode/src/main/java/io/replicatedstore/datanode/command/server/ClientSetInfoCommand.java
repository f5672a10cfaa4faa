package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;

/**
 * {@code CLIENT SETINFO LIB-NAME libname | LIB-VER libver}: a Redis 7.2 command that current
 * client libraries send on connect; accepted and validated as 7.2 does. The values are not shown
 * anywhere (7.0's CLIENT LIST has no lib-name/lib-ver fields).
 */
final class ClientSetInfoCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        String attribute = ctx.argString(2);
        if (!ctx.argIs(2, "lib-name") && !ctx.argIs(2, "lib-ver")) {
            throw new RedisException("ERR Unrecognized option '" + attribute + "'");
        }
        if (!ClientSetNameCommand.isValidAttribute(ctx.arg(3))) {
            throw new RedisException("ERR " + attribute + " cannot contain spaces, newlines or special characters.");
        }
        ctx.reply().ok();
    }
}
