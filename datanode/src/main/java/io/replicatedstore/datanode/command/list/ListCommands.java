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
                .summary("Pushes elements onto the head of a list"), new LPushCommand());
        add(table, command("rpush", -3, "write denyoom fast").keys(1, 1, 1).since("1.0.0")
                .summary("Pushes elements onto the tail of a list"), new RPushCommand());
        add(table, command("lpushx", -3, "write denyoom fast").keys(1, 1, 1).since("2.2.0")
                .summary("Pushes onto the head of a list only if the list already exists"), new LPushXCommand());
        add(table, command("rpushx", -3, "write denyoom fast").keys(1, 1, 1).since("2.2.0")
                .summary("Pushes onto the tail of a list only if the list already exists"), new RPushXCommand());
        add(table, command("linsert", 5, "write denyoom").keys(1, 1, 1).since("2.2.0")
                .summary("Inserts an element next to a pivot element in a list"), new LInsertCommand());
        add(table, command("rpop", -2, "write fast").keys(1, 1, 1).since("1.0.0")
                .summary("Pops elements from the tail of a list"), new RPopCommand());
        add(table, command("lpop", -2, "write fast").keys(1, 1, 1).since("1.0.0")
                .summary("Pops elements from the head of a list"), new LPopCommand());
        add(table, command("lmpop", -4, "write").keys(0, 0, 0).since("7.0.0")
                .summary("Pops elements from the first non-empty list among several keys"), new LMPopCommand());
        add(table, command("brpop", -3, "write noscript blocking").keys(1, -2, 1).since("2.0.0")
                .summary("Pops from a list's tail, waiting while all the lists are empty"), new BRPopCommand());
        add(table, command("brpoplpush", 4, "write denyoom noscript blocking").keys(1, 2, 1).since("2.2.0")
                .summary("Moves a list's tail element to another list's head, waiting if empty"),
                new BRPopLPushCommand());
        add(table, command("blmove", 6, "write denyoom noscript blocking").keys(1, 2, 1).since("6.2.0")
                .summary("Moves an element between lists, waiting while the source is empty"),
                new BLMoveCommand());
        add(table, command("blpop", -3, "write noscript blocking").keys(1, -2, 1).since("2.0.0")
                .summary("Pops from a list's head, waiting while all the lists are empty"), new BLPopCommand());
        add(table, command("blmpop", -5, "write blocking").keys(0, 0, 0).since("7.0.0")
                .summary("Pops from the first non-empty list among several, waiting if none"), new BLMPopCommand());
        add(table, command("llen", 2, "readonly fast").keys(1, 1, 1).since("1.0.0")
                .summary("Returns how many elements a list holds"), new LLenCommand());
        add(table, command("lindex", 3, "readonly").keys(1, 1, 1).since("1.0.0")
                .summary("Returns the list element at a given position"), new LIndexCommand());
        add(table, command("lset", 4, "write denyoom").keys(1, 1, 1).since("1.0.0")
                .summary("Replaces the list element at a given position"), new LSetCommand());
        add(table, command("lrange", 4, "readonly").keys(1, 1, 1).since("1.0.0")
                .summary("Returns the list elements between two positions"), new LRangeCommand());
        add(table, command("ltrim", 4, "write").keys(1, 1, 1).since("1.0.0")
                .summary("Keeps only the list elements between two positions"), new LTrimCommand());
        add(table, command("lpos", -3, "readonly").keys(1, 1, 1).since("6.0.6")
                .summary("Finds the positions of an element within a list"), new LPosCommand());
        add(table, command("lrem", 4, "write").keys(1, 1, 1).since("1.0.0")
                .summary("Deletes occurrences of an element from a list"), new LRemCommand());
        add(table, command("rpoplpush", 3, "write denyoom").keys(1, 2, 1).since("1.2.0")
                .summary("Moves a list's tail element to the head of another list"),
                new RPopLPushCommand());
        add(table, command("lmove", 5, "write denyoom").keys(1, 2, 1).since("6.2.0")
                .summary("Moves an element from one end of a list to an end of another"), new LMoveCommand());
    }

    private static void add(CommandTable table, CommandSpec.Builder spec, Command command) {
        table.add(spec.group(GROUP).handler(command));
    }
}
