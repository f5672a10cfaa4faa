package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.HelpReply;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.scripting.Functions;

/**
 * {@code FUNCTION FLUSH [ASYNC|SYNC]}: deletes every library. Both modes flush at once, as
 * SCRIPT FLUSH does here (small objects the collectors free anyway).
 */
final class FunctionFlushCommand implements Command {

    private final Functions functions;

    FunctionFlushCommand(Functions functions) {
        this.functions = functions;
    }

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() > 3) {
            throw HelpReply.syntaxError(ctx);
        }
        if (ctx.argc() == 3 && !ctx.argIs(2, "sync") && !ctx.argIs(2, "async")) {
            throw new RedisException("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
        }
        functions.flush();
        ctx.dirty(1);
        ctx.reply().ok();
    }
}
