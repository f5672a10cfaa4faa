package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.CommandSpec;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.util.GlobMatcher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * {@code COMMAND LIST [FILTERBY MODULE module-name|ACLCAT category|PATTERN pattern]}: the names
 * of all commands and subcommands ("config|get"), optionally filtered. No modules exist, so a
 * MODULE filter matches nothing; so does an unknown ACL category.
 */
final class CommandListCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Predicate<CommandSpec> filter = spec -> true;
        for (int i = 2; i < ctx.argc(); i++) {
            int more = ctx.argc() - 1 - i;
            if (!ctx.argIs(i, "filterby") || more != 2) {
                throw Errors.syntax();
            }
            String value = ctx.argString(i + 2);
            if (ctx.argIs(i + 1, "module")) {
                filter = spec -> false;
            } else if (ctx.argIs(i + 1, "aclcat")) {
                String category = value.toLowerCase(Locale.ROOT);
                filter = spec -> CommandDescriptions.categories(spec).contains(category);
            } else if (ctx.argIs(i + 1, "pattern")) {
                byte[] pattern = ctx.arg(i + 2);
                filter = spec -> GlobMatcher.matches(pattern, spec.fullName().getBytes(StandardCharsets.UTF_8), true);
            } else {
                throw Errors.syntax();
            }
            i += 2;
        }
        List<String> names = new ArrayList<>();
        collect(ctx.commands().all(), filter, names);
        ctx.reply().array(names.size());
        for (String name : names) {
            ctx.reply().bulk(name);
        }
    }

    private static void collect(Collection<CommandSpec> specs, Predicate<CommandSpec> filter, List<String> names) {
        for (CommandSpec spec : specs) {
            if (filter.test(spec)) {
                names.add(spec.fullName());
            }
            collect(spec.subcommands().values(), filter, names);
        }
    }
}
