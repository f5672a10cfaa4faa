package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.CommandSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code COMMAND DOCS [command-name ...]}: a map of command name to its documentation (summary,
 * since, group, subcommands); unknown names are left out. redis-cli builds its help from this.
 */
final class CommandDocsCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Collection<CommandSpec> specs;
        if (ctx.argc() == 2) {
            specs = ctx.commands().all();
        } else {
            List<CommandSpec> found = new ArrayList<>();
            for (int i = 2; i < ctx.argc(); i++) {
                CommandSpec spec = CommandDescriptions.lookup(ctx.commands(), ctx.argString(i));
                if (spec != null) {
                    found.add(spec);
                }
            }
            specs = found;
        }
        ctx.reply().map(specs.size());
        for (CommandSpec spec : specs) {
            ctx.reply().bulk(spec.fullName());
            CommandDescriptions.writeDocs(ctx.reply(), spec);
        }
    }
}
