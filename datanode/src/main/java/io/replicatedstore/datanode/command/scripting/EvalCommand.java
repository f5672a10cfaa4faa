package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.scripting.Scripting;

/** {@code EVAL script numkeys [key ...] [arg ...]} and {@code EVAL_RO} (no writes allowed). */
final class EvalCommand implements Command {

    private final Scripting scripting;
    private final boolean readOnly;

    EvalCommand(Scripting scripting, boolean readOnly) {
        this.scripting = scripting;
        this.readOnly = readOnly;
    }

    @Override
    public void execute(CommandContext ctx) {
        scripting.run(ctx, scripting.load(ctx, ctx.arg(1)), readOnly);
    }
}
