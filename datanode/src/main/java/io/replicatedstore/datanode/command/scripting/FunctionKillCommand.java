package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.scripting.Functions;

/** {@code FUNCTION KILL}: stops the running function if it has not written. */
final class FunctionKillCommand implements Command {

    private final Functions functions;

    FunctionKillCommand(Functions functions) {
        this.functions = functions;
    }

    @Override
    public void execute(CommandContext ctx) {
        functions.kill();
        ctx.reply().ok();
    }
}
