package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.scripting.Scripting;

/** {@code SCRIPT EXISTS sha1 [sha1 ...]}: 1 or 0 for each. */
final class ScriptExistsCommand implements Command {

    private final Scripting scripting;

    ScriptExistsCommand(Scripting scripting) {
        this.scripting = scripting;
    }

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().array(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) {
            ctx.reply().integer(scripting.exists(ctx.argString(i)) ? 1 : 0);
        }
    }
}
