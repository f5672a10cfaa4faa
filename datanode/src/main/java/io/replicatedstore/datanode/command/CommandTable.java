package io.replicatedstore.datanode.command;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every command the node knows, by lower-case name. */
public final class CommandTable {

    private final Map<String, CommandSpec> commands = new LinkedHashMap<>();

    public CommandTable add(CommandSpec spec) {
        if (commands.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalStateException("command registered twice: " + spec.name());
        }
        return this;
    }

    public CommandSpec lookup(String lowerCaseName) {
        return commands.get(lowerCaseName);
    }

    /** Looks a command up by its name as sent, in any letter case. */
    public CommandSpec lookup(byte[] name) {
        CommandSpec spec = commands.get(new String(name, StandardCharsets.ISO_8859_1));
        if (spec != null) {
            return spec;
        }
        return commands.get(new String(name, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT));
    }

    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(commands.values());
    }

    public int size() {
        return commands.size();
    }
}
