package io.replicatedstore.datanode.command;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every command the node knows, by lower-case name. */
public final class CommandTable {

    private final Map<String, CommandSpec> commands = new LinkedHashMap<>();
    /**
     * The same commands in an open-addressing table over the name's bytes, folded to lower case
     * while hashing, so looking up the command of every request allocates nothing.
     */
    private byte[][] names = new byte[512][];
    private CommandSpec[] specs = new CommandSpec[512];

    public CommandTable add(CommandSpec spec) {
        if (commands.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalStateException("command registered twice: " + spec.name());
        }
        if (commands.size() * 2 > names.length) {
            rehash(names.length * 2);
        }
        insert(spec.name().getBytes(StandardCharsets.US_ASCII), spec);
        return this;
    }

    private void insert(byte[] name, CommandSpec spec) {
        int mask = names.length - 1;
        int i = foldedHash(name) & mask;
        while (names[i] != null) {
            i = (i + 1) & mask;
        }
        names[i] = name;
        specs[i] = spec;
    }

    private void rehash(int capacity) {
        byte[][] oldNames = names;
        CommandSpec[] oldSpecs = specs;
        names = new byte[capacity][];
        specs = new CommandSpec[capacity];
        for (int i = 0; i < oldNames.length; i++) {
            if (oldNames[i] != null) {
                insert(oldNames[i], oldSpecs[i]);
            }
        }
    }

    private static int foldedHash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            h = 31 * h + lower(b);
        }
        return h ^ (h >>> 16);
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    private static boolean equalsFolded(byte[] lowerCaseName, byte[] name) {
        if (lowerCaseName.length != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (lowerCaseName[i] != lower(name[i])) {
                return false;
            }
        }
        return true;
    }

    public CommandSpec lookup(String lowerCaseName) {
        return commands.get(lowerCaseName);
    }

    /** Looks a command up by its name as sent, in any letter case. */
    public CommandSpec lookup(byte[] name) {
        int mask = names.length - 1;
        for (int i = foldedHash(name) & mask; names[i] != null; i = (i + 1) & mask) {
            if (equalsFolded(names[i], name)) {
                return specs[i];
            }
        }
        return null;
    }

    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(commands.values());
    }

    public int size() {
        return commands.size();
    }
}
