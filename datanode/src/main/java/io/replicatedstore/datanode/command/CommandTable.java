package io.replicatedstore.datanode.command;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Every command the node knows, by lower-case name. */
public final class CommandTable {

    private final Map<String, CommandSpec> commands = new LinkedHashMap<>();
    /** Lower- and upper-case spellings, so the common cases need no case folding per command. */
    private final Map<String, CommandSpec> bySpelling = new HashMap<>();

    public CommandTable add(CommandSpec spec) {
        if (commands.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalStateException("command registered twice: " + spec.name());
        }
        bySpelling.put(spec.name(), spec);
        bySpelling.put(spec.name().toUpperCase(Locale.ROOT), spec);
        return this;
    }

    public CommandSpec lookup(String lowerCaseName) {
        return commands.get(lowerCaseName);
    }

    /** Looks a command up by its name as sent, in any letter case. */
    public CommandSpec lookup(byte[] name) {
        String spelled = new String(name, StandardCharsets.ISO_8859_1);
        CommandSpec spec = bySpelling.get(spelled);
        return spec != null ? spec : commands.get(spelled.toLowerCase(Locale.ROOT));
    }

    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(commands.values());
    }

    public int size() {
        return commands.size();
    }
}
