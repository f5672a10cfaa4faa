package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandSpec;
import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/**
 * Lists, including the blocking pops: Redis 7.0's arities, flags and key positions as COMMAND
 * INFO shows them. (Redis also marks LMPOP and BLMPOP "movablekeys": their keys follow numkeys.)
 */
public final class ListCommands {

    private static final String GROUP = "list";

    private ListCommands() {
    }

    public static void register(CommandTable table) {
        add(table, command("lpush", -3, "write denyoom fast").keys(1, 1, 1).since("1.0.0")
                .summary("Prepend one or multiple elements to a list"), new LPushCommand());
        add(table, command("rpush", -3, "write denyoom fast").keys(1, 1, 1).since("1.0.0")
                .summary("Append one or multiple elements to a list"), new RPushCommand());
        add(table, command("lpushx", -3, "write denyoom fast").keys(1, 1, 1).since("2.2.0")
                .summary("Prepend an element to a list, only if the list exists"), new LPushXCommand());
        add(table, command("rpushx", -3, "write denyoom fast").keys(1, 1, 1).since("2.2.0")
                .summary("Append an element to a list, only if the list exists"), new RPushXCommand());
        add(table, command("linsert", 5, "write denyoom").keys(1, 1, 1).since("2.2.0")
                .summary("Insert an element before or after another element in a list"), new LInsertCommand());
        add(table, command("rpop", -2, "write fast").keys(1, 1, 1).since("1.0.0")
                .summary("Remove and get the last elements in a list"), new RPopCommand());
        add(table, command("lpop", -2, "write fast").keys(1, 1, 1).since("1.0.0")
                .summary("Remove and get the first elements in a list"), new LPopCommand());
        add(table, command("lmpop", -4, "write").keys(0, 0, 0).since("7.0.0")
                .summary("Pop elements from a list"), new LMPopCommand());
        add(table, command("brpop", -3, "write noscript blocking").keys(1, -2, 1).since("2.0.0")
                .summary("Remove and get the last element in a list, or block until one is available"), new BRPopCommand());
        add(table, command("brpoplpush", 4, "write denyoom noscript blocking").keys(1, 2, 1).since("2.2.0")
                .summary("Pop an element from a list, push it to another list and return it; or block until one is available"),
                new BRPopLPushCommand());
        add(table, command("blmove", 6, "write denyoom noscript blocking").keys(1, 2, 1).since("6.2.0")
                .summary("Pop an element from a list, push it to another list and return it; or block until one is available"),
                new BLMoveCommand());
        add(table, command("blpop", -3, "write noscript blocking").keys(1, -2, 1).since("2.0.0")
                .summary("Remove and get the first element in a list, or block until one is available"), new BLPopCommand());
        add(table, command("blmpop", -5, "write blocking").keys(0, 0, 0).since("7.0.0")
                .summary("Pop elements from a list, or block until one is available"), new BLMPopCommand());
        add(table, command("llen", 2, "readonly fast").keys(1, 1, 1).since("1.0.0")
                .summary("Get the length of a list"), new LLenCommand());
        add(table, command("lindex", 3, "readonly").keys(1, 1, 1).since("1.0.0")
                .summary("Get an element from a list by its index"), new LIndexCommand());
        add(table, command("lset", 4, "write denyoom").keys(1, 1, 1).since("1.0.0")
                .summary("Set the value of an element in a list by its index"), new LSetCommand());
        add(table, command("lrange", 4, "readonly").keys(1, 1, 1).since("1.0.0")
                .summary("Get a range of elements from a list"), new LRangeCommand());
        add(table, command("ltrim", 4, "write").keys(1, 1, 1).since("1.0.0")
                .summary("Trim a list to the specified range"), new LTrimCommand());
        add(table, command("lpos", -3, "readonly").keys(1, 1, 1).since("6.0.6")
                .summary("Return the index of matching elements on a list"), new LPosCommand());
        add(table, command("lrem", 4, "write").keys(1, 1, 1).since("1.0.0")
                .summary("Remove elements from a list"), new LRemCommand());
        add(table, command("rpoplpush", 3, "write denyoom").keys(1, 2, 1).since("1.2.0")
                .summary("Remove the last element in a list, prepend it to another list and return it"),
                new RPopLPushCommand());
        add(table, command("lmove", 5, "write denyoom").keys(1, 2, 1).since("6.2.0")
                .summary("Pop an element from a list, push it to another list and return it"), new LMoveCommand());
    }

    private static void add(CommandTable table, CommandSpec.Builder spec, Command command) {
        table.add(spec.group(GROUP).handler(command));
    }
}
