package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code INFO [section [section ...]]}: "default", "all" and "everything" as in Redis 7.0;
 * unknown sections are ignored (an empty reply if nothing matched). A verbatim string in RESP3.
 */
final class InfoCommand implements Command {

    private final InfoSections sections = new InfoSections();

    @Override
    public void execute(CommandContext ctx) {
        Set<String> requested = new LinkedHashSet<>();
        boolean all = false;
        if (ctx.argc() == 1) {
            requested.addAll(InfoSections.DEFAULT);
        }
        for (int i = 1; i < ctx.argc(); i++) {
            String section = ctx.argLower(i);
            switch (section) {
                case "default" -> requested.addAll(InfoSections.DEFAULT);
                case "all", "everything" -> all = true;
                default -> requested.add(section);
            }
        }
        ctx.reply().verbatim(sections.generate(ctx, requested, all));
    }
}
