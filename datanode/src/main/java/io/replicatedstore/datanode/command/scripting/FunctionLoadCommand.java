package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.scripting.Functions;

/** {@code FUNCTION LOAD [REPLACE] code}: loads a library; replies its name. Propagated as given. */
final class FunctionLoadCommand implements Command {

    private final Functions functions;

    FunctionLoadCommand(Functions functions) {
        this.functions = functions;
    }

    @Override
    public void execute(CommandContext ctx) {
        boolean replace = false;
        int at = 2;
        while (at < ctx.argc() - 1) {
            if (!ctx.argIs(at, "replace")) {
                throw new RedisException("ERR Unknown option given: " + ctx.argString(at));
            }
            replace = true;
            at++;
        }
        if (at >= ctx.argc()) {
            throw new RedisException("ERR Function code is missing");
        }
        String name = functions.load(ctx, ctx.arg(at), replace);
        ctx.dirty(1);
        ctx.reply().bulk(name);
    }
}
