package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.CommandFlag;
import io.replicatedstore.datanode.command.CommandSpec;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.util.Numbers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code COMMAND GETKEYS command [arg ...]} and {@code COMMAND GETKEYSANDFLAGS command [arg ...]}:
 * the key arguments of a full command line. Keys come from the command's (first, last, step)
 * positions, or, for the commands whose keys move (numkeys arguments, STREAMS, STORE), from the
 * same rules Redis's key specs describe.
 */
final class CommandGetKeysCommand implements Command {

    private final boolean withFlags;

    CommandGetKeysCommand(boolean withFlags) {
        this.withFlags = withFlags;
    }

    @Override
    public void execute(CommandContext ctx) {
        byte[][] argv = new byte[ctx.argc() - 2][];
        System.arraycopy(ctx.argv(), 2, argv, 0, argv.length);
        CommandSpec spec = ctx.commands().lookup(argv[0]);
        if (spec != null && !spec.subcommands().isEmpty() && argv.length > 1) {
            spec = spec.subcommand(new String(argv[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
        }
        if (spec == null) {
            throw new RedisException("ERR Invalid command specified");
        }
        String name = spec.fullName();
        boolean movable = movableKeys(name) != null;
        if (spec.firstKey() <= 0 && !movable) {
            throw new RedisException("ERR The command has no key arguments");
        }
        if (!spec.arityMatches(argv.length)) {
            throw new RedisException("ERR Invalid number of arguments specified for command");
        }
        List<Integer> keys = movable ? movableKeys(name).find(argv) : rangeKeys(spec, argv.length);
        if (keys == null || keys.isEmpty()) {
            if (name.startsWith("eval") || name.startsWith("fcall")) {
                ctx.reply().array(0); // no_mandatory_keys
                return;
            }
            throw new RedisException("ERR Invalid arguments specified for command");
        }
        ctx.reply().array(keys.size());
        for (int position : keys) {
            if (withFlags) {
                ctx.reply().array(2).bulk(argv[position]);
                if (spec.has(CommandFlag.WRITE)) {
                    ctx.reply().set(1).simple("RW");
                } else if (spec.has(CommandFlag.READONLY)) {
                    ctx.reply().set(1).simple("RO");
                } else {
                    ctx.reply().set(0);
                }
            } else {
                ctx.reply().bulk(argv[position]);
            }
        }
    }

    private static List<Integer> rangeKeys(CommandSpec spec, int argc) {
        int first = spec.firstKey();
        int last = spec.lastKey() >= 0 ? spec.lastKey() : argc + spec.lastKey();
        List<Integer> keys = new ArrayList<>();
        for (int i = first; i <= last && i < argc; i += Math.max(1, spec.keyStep())) {
            keys.add(i);
        }
        return keys;
    }

    /** How to find the keys of a command whose key positions depend on its arguments. */
    @FunctionalInterface
    private interface KeyFinder {
        List<Integer> find(byte[][] argv);
    }

    private static KeyFinder movableKeys(String name) {
        return switch (name) {
            case "zunion", "zinter", "zdiff", "zintercard", "sintercard", "lmpop", "zmpop" -> argv -> numKeys(argv, 1, List.of());
            case "blmpop", "bzmpop" -> argv -> numKeys(argv, 2, List.of());
            case "zunionstore", "zinterstore", "zdiffstore" -> argv -> numKeys(argv, 2, List.of(1));
            case "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro" -> argv -> numKeys(argv, 2, List.of());
            case "xread", "xreadgroup" -> CommandGetKeysCommand::streamKeys;
            case "sort" -> CommandGetKeysCommand::sortKeys;
            case "sort_ro" -> argv -> List.of(1);
            case "georadius" -> argv -> storeKeys(argv, 6, "store", "storedist");
            case "georadiusbymember" -> argv -> storeKeys(argv, 5, "store", "storedist");
            default -> null;
        };
    }

    /** Keys counted by the numkeys argument at {@code index}, after {@code fixed} key positions. */
    private static List<Integer> numKeys(byte[][] argv, int index, List<Integer> fixed) {
        Long count = Numbers.parseLong(argv[index]);
        if (count == null || count < 0 || index + count >= argv.length) {
            return null;
        }
        List<Integer> keys = new ArrayList<>(fixed);
        for (int i = 0; i < count; i++) {
            keys.add(index + 1 + i);
        }
        return keys;
    }

    /** XREAD/XREADGROUP: the first half of the arguments after STREAMS. */
    private static List<Integer> streamKeys(byte[][] argv) {
        for (int i = 1; i < argv.length; i++) {
            if (new String(argv[i], StandardCharsets.UTF_8).equalsIgnoreCase("streams")) {
                int rest = argv.length - i - 1;
                if (rest == 0 || rest % 2 != 0) {
                    return null;
                }
                List<Integer> keys = new ArrayList<>();
                for (int k = 0; k < rest / 2; k++) {
                    keys.add(i + 1 + k);
                }
                return keys;
            }
        }
        return null;
    }

    /** The key at position 1, and the argument after a STORE-like keyword from {@code from} on. */
    /** Redis's sortGetKeys: the key, then the argument of the last STORE (LIMIT, GET and BY arguments skipped). */
    private static List<Integer> sortKeys(byte[][] argv) {
        int store = -1;
        for (int i = 2; i < argv.length; i++) {
            String word = new String(argv[i], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            switch (word) {
                case "limit" -> i += 2;
                case "get", "by" -> i += 1;
                case "store" -> store = i + 1 < argv.length ? i + 1 : store;
                default -> { }
            }
        }
        return store < 0 ? List.of(1) : List.of(1, store);
    }

    private static List<Integer> storeKeys(byte[][] argv, int from, String... keywords) {
        List<Integer> keys = new ArrayList<>(List.of(1));
        for (int i = from; i < argv.length - 1; i++) {
            String word = new String(argv[i], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            if (List.of(keywords).contains(word)) {
                keys.add(i + 1);
                break;
            }
        }
        return keys;
    }
}
