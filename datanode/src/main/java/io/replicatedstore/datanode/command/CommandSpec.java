package io.replicatedstore.datanode.command;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A command table entry, as in Redis's command table: name, arity (negative: at least that
 * many arguments, the name included), flags, the positions of key arguments, its group for
 * COMMAND DOCS, and its subcommands (CONFIG GET, CLIENT LIST...). Also carries the per-command
 * statistics INFO commandstats reports.
 */
public final class CommandSpec {

    private final String name;
    private final String fullName;
    private final int arity;
    private final Set<CommandFlag> flags;
    private final int firstKey;
    private final int lastKey;
    private final int keyStep;
    private final String group;
    private final String since;
    private final String summary;
    private final Command command;
    private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();
    private CommandSpec parent;

    // INFO commandstats
    public long calls;
    public long microseconds;
    public long rejectedCalls;
    public long failedCalls;

    private CommandSpec(Builder b) {
        this.name = b.name;
        this.fullName = b.name;
        this.arity = b.arity;
        this.flags = b.flags;
        this.firstKey = b.firstKey;
        this.lastKey = b.lastKey;
        this.keyStep = b.keyStep;
        this.group = b.group;
        this.since = b.since;
        this.summary = b.summary;
        this.command = b.command;
    }

    private CommandSpec(CommandSpec spec, CommandSpec parent) {
        this.name = spec.name;
        this.fullName = parent.name + "|" + spec.name;
        this.arity = spec.arity;
        this.flags = spec.flags;
        this.firstKey = spec.firstKey;
        this.lastKey = spec.lastKey;
        this.keyStep = spec.keyStep;
        this.group = spec.group == null ? parent.group : spec.group;
        this.since = spec.since;
        this.summary = spec.summary;
        this.command = spec.command;
        this.parent = parent;
    }

    /**
     * Starts a spec. {@code flags} is a space separated list of COMMAND INFO flag names, e.g.
     * "write denyoom fast".
     */
    public static Builder command(String name, int arity, String flags) {
        return new Builder(name, arity, flags);
    }

    public String name() {
        return name;
    }

    /** "config|get" for a subcommand, as Redis names it in errors and statistics. */
    public String fullName() {
        return fullName;
    }

    public int arity() {
        return arity;
    }

    public Set<CommandFlag> flags() {
        return flags;
    }

    public boolean has(CommandFlag flag) {
        return flags.contains(flag);
    }

    public int firstKey() {
        return firstKey;
    }

    public int lastKey() {
        return lastKey;
    }

    public int keyStep() {
        return keyStep;
    }

    public String group() {
        return group;
    }

    public String since() {
        return since;
    }

    public String summary() {
        return summary;
    }

    public Command command() {
        return command;
    }

    public CommandSpec parent() {
        return parent;
    }

    public Map<String, CommandSpec> subcommands() {
        return Collections.unmodifiableMap(subcommands);
    }

    public boolean hasSubcommands() {
        return !subcommands.isEmpty();
    }

    public CommandSpec subcommand(String lowerCaseName) {
        return subcommands.get(lowerCaseName);
    }

    public boolean arityMatches(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    public static final class Builder {
        private final String name;
        private final int arity;
        private final Set<CommandFlag> flags = EnumSet.noneOf(CommandFlag.class);
        private int firstKey;
        private int lastKey;
        private int keyStep;
        private String group = "generic";
        private String since = "1.0.0";
        private String summary = "";
        private Command command;
        private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();

        private Builder(String name, int arity, String flagList) {
            this.name = name;
            this.arity = arity;
            for (String flag : flagList.trim().split("\\s+")) {
                if (!flag.isEmpty()) {
                    flags.add(CommandFlag.parse(flag));
                }
            }
        }

        /** Key positions: first, last (negative counts from the end) and step, as COMMAND INFO. */
        public Builder keys(int first, int last, int step) {
            this.firstKey = first;
            this.lastKey = last;
            this.keyStep = step;
            return this;
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        public Builder since(String since) {
            this.since = since;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        /** Adds a subcommand (its arity counts the container's name too, as in Redis). */
        public Builder subcommand(CommandSpec sub) {
            subcommands.put(sub.name, sub);
            return this;
        }

        /** Finishes a container command whose subcommands do the work. */
        public CommandSpec container() {
            return handler(null);
        }

        /** Finishes the spec with the command that executes it. */
        public CommandSpec handler(Command command) {
            this.command = command;
            CommandSpec spec = new CommandSpec(this);
            for (CommandSpec sub : subcommands.values()) {
                spec.subcommands.put(sub.name, new CommandSpec(sub, spec));
            }
            return spec;
        }
    }
}
