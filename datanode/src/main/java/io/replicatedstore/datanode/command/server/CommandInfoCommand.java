package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.CommandSpec;

import java.util.Collection;

/**
 * {@code COMMAND INFO [command-name ...]}: descriptions of the named commands ("config|get" for a
 * subcommand), null for unknown names; every command when none is named.
 */
final class CommandInfoCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() == 2) {
            Collection<CommandSpec> all = ctx.commands().all();
            ctx.reply().array(all.size());
            for (CommandSpec spec : all) {
                CommandDescriptions.writeInfo(ctx.reply(), spec);
            }
            return;
        }
        ctx.reply().array(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) {
            CommandDescriptions.writeInfo(ctx.reply(),
                    CommandDescriptions.lookup(ctx.commands(), ctx.argString(i)));
        }
    }
}
