package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.CommandSpec;

import java.util.Collection;

/** {@code COMMAND}: the description of every command (COMMAND INFO's format). */
final class CommandCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Collection<CommandSpec> all = ctx.commands().all();
        ctx.reply().array(all.size());
        for (CommandSpec spec : all) {
            CommandDescriptions.writeInfo(ctx.reply(), spec);
        }
    }
}
