package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.scripting.Scripting;

/**
 * {@code SCRIPT FLUSH [ASYNC|SYNC]}: empties the script cache. Both modes flush at once: the
 * cache is small Java and Lua objects whose freeing the collectors do in the background anyway.
 */
final class ScriptFlushCommand implements Command {

    private final Scripting scripting;

    ScriptFlushCommand(Scripting scripting) {
        this.scripting = scripting;
    }

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() > 3 || ctx.argc() == 3 && !ctx.argIs(2, "sync") && !ctx.argIs(2, "async")) {
            throw new RedisException("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
        }
        scripting.flush();
        ctx.reply().ok();
    }
}
