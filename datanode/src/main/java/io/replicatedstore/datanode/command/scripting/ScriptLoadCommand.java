package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.scripting.Scripting;

/** {@code SCRIPT LOAD script}: compiles and caches a script, replies its SHA1. */
final class ScriptLoadCommand implements Command {

    private final Scripting scripting;

    ScriptLoadCommand(Scripting scripting) {
        this.scripting = scripting;
    }

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().bulk(scripting.load(ctx, ctx.arg(2)).sha());
    }
}
