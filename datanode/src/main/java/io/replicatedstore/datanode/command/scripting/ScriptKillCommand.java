package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.scripting.Scripting;

/** {@code SCRIPT KILL}: stops the running script if it has not written. */
final class ScriptKillCommand implements Command {

    private final Scripting scripting;

    ScriptKillCommand(Scripting scripting) {
        this.scripting = scripting;
    }

    @Override
    public void execute(CommandContext ctx) {
        scripting.kill();
        ctx.reply().ok();
    }
}
