package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.config.ConfigOption;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code CONFIG GET parameter [parameter ...]}: a map of every matching directive to its value.
 * A name without glob characters is looked up directly (an alias included) and answered under
 * the name as given; a pattern matches names and aliases, case-insensitively, but not hidden test
 * hooks, skipping a match whose directive was already answered under its own name. Aliases are
 * tried first, so a pattern alone answers both an alias and its directive, as Redis 7.0 does in
 * practice (its dictionary order). Unknown names match nothing.
 */
final class ConfigGetCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Config config = ctx.config();
        Map<String, String> matches = new LinkedHashMap<>();
        for (int i = 2; i < ctx.argc(); i++) {
            String name = ctx.argString(i);
            if (name.indexOf('*') < 0 && name.indexOf('?') < 0 && name.indexOf('[') < 0) {
                if (matches.containsKey(name)) {
                    continue;
                }
                ConfigOption<?> option = config.option(name);
                if (option != null) {
                    matches.put(name, option.formatted());
                }
                continue;
            }
            for (Map.Entry<String, String> match : config.matching(name).entrySet()) {
                ConfigOption<?> option = config.option(match.getKey());
                if (option != null && matches.containsKey(option.name())) {
                    continue;
                }
                matches.putIfAbsent(match.getKey(), match.getValue());
            }
        }
        ctx.reply().map(matches.size());
        for (Map.Entry<String, String> match : matches.entrySet()) {
            ctx.reply().bulk(match.getKey()).bulk(match.getValue());
        }
    }
}
