package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.scripting.Functions;

/** {@code FUNCTION DELETE library}. */
final class FunctionDeleteCommand implements Command {

    private final Functions functions;

    FunctionDeleteCommand(Functions functions) {
        this.functions = functions;
    }

    @Override
    public void execute(CommandContext ctx) {
        functions.delete(ctx.argString(2));
        ctx.dirty(1);
        ctx.reply().ok();
    }
}
