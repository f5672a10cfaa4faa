package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.HelpReply;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.util.Numbers;

/**
 * {@code CLIENT PAUSE timeout [WRITE|ALL]}: for {@code timeout} milliseconds, commands of other
 * clients wait: all of them, or with WRITE only those that write or may replicate.
 */
final class ClientPauseCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() > 4) {
            throw HelpReply.syntaxError(ctx);
        }
        boolean all = true;
        if (ctx.argc() == 4) {
            if (ctx.argIs(3, "write")) {
                all = false;
            } else if (!ctx.argIs(3, "all")) {
                throw new RedisException("ERR CLIENT PAUSE mode must be WRITE or ALL");
            }
        }
        Long timeout = Numbers.parseLong(ctx.arg(2));
        if (timeout == null) {
            throw new RedisException("ERR timeout is not an integer or out of range");
        }
        if (timeout < 0) {
            throw new RedisException("ERR timeout is negative");
        }
        long now = ctx.server().clock().millis();
        if (timeout > Long.MAX_VALUE - now) {
            throw new RedisException("ERR timeout is out of range");
        }
        ctx.server().pause().pause(now + timeout, all);
        ctx.reply().ok();
    }
}
