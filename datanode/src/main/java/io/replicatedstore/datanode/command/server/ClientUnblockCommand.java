package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.HelpReply;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.server.Client;

/**
 * {@code CLIENT UNBLOCK client-id [TIMEOUT|ERROR]}: ends another client's blocking command as if
 * it timed out, or with an UNBLOCKED error; 1 if it was blocked, else 0.
 */
final class ClientUnblockCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() > 4) {
            throw HelpReply.syntaxError(ctx);
        }
        boolean withError = false;
        if (ctx.argc() == 4) {
            if (ctx.argIs(3, "error")) {
                withError = true;
            } else if (!ctx.argIs(3, "timeout")) {
                throw new RedisException("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
            }
        }
        long id = ctx.argLong(2);
        Client target = ctx.server().client(id);
        boolean unblocked = target != null && ctx.server().blockedClients().unblockByRequest(target, withError);
        ctx.reply().integer(unblocked ? 1 : 0);
    }
}
