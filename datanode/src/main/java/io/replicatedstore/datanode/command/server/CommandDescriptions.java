package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.CommandFlag;
import io.replicatedstore.datanode.command.CommandSpec;
import io.replicatedstore.datanode.command.CommandTable;
import io.replicatedstore.datanode.resp.RespWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How COMMAND, COMMAND INFO and COMMAND DOCS describe a command, in Redis 7.0's reply shapes.
 * The command table knows arity, flags, legacy key positions, group, since and summary; ACL
 * categories are derived from flags and group (as Redis derives its implicit ones), key specs from
 * the key positions, argument docs come from {@link CommandArgumentDocs}; command tips and
 * complexity are not known (left out).
 */
final class CommandDescriptions {

    /** Redis's ACL categories, in the order Redis lists them. */
    private static final List<String> CATEGORY_ORDER = List.of("keyspace", "read", "write", "set", "sortedset",
            "list", "hash", "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow",
            "blocking", "dangerous", "connection", "transaction", "scripting");

    private CommandDescriptions() {
    }

    /** A command by name, or "container|subcommand", in any letter case; null when unknown. */
    static CommandSpec lookup(CommandTable table, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int bar = lower.indexOf('|');
        if (bar < 0) {
            return table.lookup(lower);
        }
        CommandSpec container = table.lookup(lower.substring(0, bar));
        if (container == null || lower.indexOf('|', bar + 1) >= 0) {
            return null;
        }
        return container.subcommand(lower.substring(bar + 1));
    }

    /** COMMAND INFO's 10-element description (name, arity, flags, keys, categories, tips, key specs, subcommands). */
    static void writeInfo(RespWriter out, CommandSpec spec) {
        if (spec == null) {
            out.nullArray();
            return;
        }
        out.array(10);
        out.bulk(spec.fullName());
        out.integer(spec.arity());
        List<String> flags = flags(spec);
        out.set(flags.size());
        for (String flag : flags) {
            out.simple(flag);
        }
        out.integer(spec.firstKey());
        out.integer(spec.lastKey());
        out.integer(spec.keyStep());
        List<String> categories = categories(spec);
        out.set(categories.size());
        for (String category : categories) {
            out.simple("@" + category);
        }
        out.set(0); // command tips
        writeKeySpecs(out, spec);
        if (spec.subcommands().isEmpty()) {
            out.set(0);
        } else {
            out.array(spec.subcommands().size());
            for (CommandSpec sub : spec.subcommands().values()) {
                writeInfo(out, sub);
            }
        }
    }

    /** COMMAND DOCS's map for one command (summary, since, group, arguments, subcommands). */
    static void writeDocs(RespWriter out, CommandSpec spec) {
        boolean hasSubcommands = !spec.subcommands().isEmpty();
        List<CommandArgumentDocs.Argument> arguments = CommandArgumentDocs.of(spec.fullName());
        out.map(3 + (arguments != null ? 1 : 0) + (hasSubcommands ? 1 : 0));
        // Always sent, even when empty: redis-cli reads summary and since for every entry.
        out.bulk("summary").bulk(spec.summary() == null ? "" : spec.summary());
        out.bulk("since").bulk(spec.since() == null ? "" : spec.since());
        out.bulk("group").bulk(spec.group() == null ? "generic" : spec.group());
        if (arguments != null) {
            out.bulk("arguments");
            writeArguments(out, arguments);
        }
        if (hasSubcommands) {
            out.bulk("subcommands");
            out.map(spec.subcommands().size());
            for (CommandSpec sub : spec.subcommands().values()) {
                out.bulk(sub.fullName());
                writeDocs(out, sub);
            }
        }
    }

    /** Argument docs as Redis's addReplyCommandArgList writes them (fields in the same order). */
    private static void writeArguments(RespWriter out, List<CommandArgumentDocs.Argument> arguments) {
        out.array(arguments.size());
        for (CommandArgumentDocs.Argument arg : arguments) {
            List<String> flags = new ArrayList<>();
            if (arg.optional()) {
                flags.add("optional");
            }
            if (arg.multiple()) {
                flags.add("multiple");
            }
            if (arg.multipleToken()) {
                flags.add("multiple_token");
            }
            boolean nested = arg.type().equals("oneof") || arg.type().equals("block");
            out.map(2 + (arg.token() != null ? 1 : 0) + (arg.since() != null ? 1 : 0)
                    + (arg.deprecatedSince() != null ? 1 : 0) + (flags.isEmpty() ? 0 : 1) + (nested ? 1 : 0));
            out.bulk("name").bulk(arg.name());
            out.bulk("type").bulk(arg.type());
            if (arg.token() != null) {
                out.bulk("token").bulk(arg.token());
            }
            if (arg.since() != null) {
                out.bulk("since").bulk(arg.since());
            }
            if (arg.deprecatedSince() != null) {
                out.bulk("deprecated_since").bulk(arg.deprecatedSince());
            }
            if (!flags.isEmpty()) {
                out.bulk("flags").set(flags.size());
                for (String flag : flags) {
                    out.simple(flag);
                }
            }
            if (nested) {
                out.bulk("arguments");
                writeArguments(out, arg.arguments());
            }
        }
    }

    /** The flags COMMAND shows (may_replicate is hidden, as Redis hides it). */
    static List<String> flags(CommandSpec spec) {
        List<String> flags = new ArrayList<>();
        for (CommandFlag flag : spec.flags()) {
            if (flag != CommandFlag.MAY_REPLICATE) {
                flags.add(flag.text());
            }
        }
        return flags;
    }

    /** ACL categories without '@', in Redis's order: implicit ones from flags, the data type's from the group. */
    static List<String> categories(CommandSpec spec) {
        List<String> found = new ArrayList<>();
        String group = spec.group() == null ? "" : spec.group();
        switch (group) {
            case "generic" -> found.add("keyspace");
            case "string" -> found.add("string");
            case "list" -> found.add("list");
            case "hash" -> found.add("hash");
            case "set" -> found.add("set");
            case "sorted-set" -> found.add("sortedset");
            case "bitmap" -> found.add("bitmap");
            case "hyperloglog" -> found.add("hyperloglog");
            case "geo" -> found.add("geo");
            case "stream" -> found.add("stream");
            case "pubsub" -> found.add("pubsub");
            case "connection" -> found.add("connection");
            case "transactions" -> found.add("transaction");
            case "scripting" -> found.add("scripting");
            default -> {
            }
        }
        if (spec.has(CommandFlag.WRITE)) {
            found.add("write");
        }
        if (spec.has(CommandFlag.READONLY) && !group.equals("scripting")) {
            found.add("read");
        }
        if (spec.has(CommandFlag.ADMIN)) {
            found.add("admin");
            found.add("dangerous");
        }
        if (spec.has(CommandFlag.PUBSUB)) {
            found.add("pubsub");
        }
        found.add(spec.has(CommandFlag.FAST) ? "fast" : "slow");
        if (spec.has(CommandFlag.BLOCKING)) {
            found.add("blocking");
        }
        List<String> ordered = new ArrayList<>();
        for (String category : CATEGORY_ORDER) {
            if (found.contains(category)) {
                ordered.add(category);
            }
        }
        return ordered;
    }

    /** One key spec derived from the legacy (first, last, step) range, or none without keys. */
    private static void writeKeySpecs(RespWriter out, CommandSpec spec) {
        if (spec.firstKey() <= 0) {
            out.set(0);
            return;
        }
        out.set(1);
        out.map(3);
        out.bulk("flags");
        if (spec.has(CommandFlag.WRITE)) {
            out.set(1).simple("RW");
        } else if (spec.has(CommandFlag.READONLY)) {
            out.set(1).simple("RO");
        } else {
            out.set(0);
        }
        out.bulk("begin_search");
        out.map(2).bulk("type").bulk("index").bulk("spec").map(1).bulk("index").integer(spec.firstKey());
        out.bulk("find_keys");
        int last = spec.lastKey() >= 0 ? spec.lastKey() - spec.firstKey() : spec.lastKey();
        out.map(2).bulk("type").bulk("range").bulk("spec").map(3)
                .bulk("lastkey").integer(last)
                .bulk("keystep").integer(spec.keyStep())
                .bulk("limit").integer(0);
    }
}
