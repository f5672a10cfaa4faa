package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/**
 * Strings: GET, SET and the rest of the string family (arity, flags, key positions and since
 * versions as Redis 7.0's command table has them).
 */
public final class StringCommands {

    private StringCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("get", 2, "readonly fast").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Returns the string stored at a key").handler(new GetCommand()));
        table.add(command("set", -3, "write denyoom").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Stores a string at a key, with optional expiry and conditions").handler(new SetCommand()));
        table.add(command("setnx", 3, "write denyoom fast").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Stores a string at a key unless the key already exists").handler(new SetNxCommand()));
        table.add(command("setex", 4, "write denyoom").keys(1, 1, 1).group("string").since("2.0.0")
                .summary("Stores a string at a key with a lifetime in seconds").handler(new SetExCommand()));
        table.add(command("psetex", 4, "write denyoom").keys(1, 1, 1).group("string").since("2.6.0")
                .summary("Stores a string at a key with a lifetime in milliseconds").handler(new PSetExCommand()));
        table.add(command("mget", -2, "readonly fast").keys(1, -1, 1).group("string").since("1.0.0")
                .summary("Returns the strings stored at several keys").handler(new MGetCommand()));
        table.add(command("mset", -3, "write denyoom").keys(1, -1, 2).group("string").since("1.0.1")
                .summary("Stores strings at several keys at once").handler(new MSetCommand()));
        table.add(command("msetnx", -3, "write denyoom").keys(1, -1, 2).group("string").since("1.0.1")
                .summary("Stores strings at several keys, only if none of them exists").handler(new MSetNxCommand()));
        table.add(command("getset", 3, "write denyoom fast").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Stores a new string at a key and returns the previous one").handler(new GetSetCommand()));
        table.add(command("getdel", 2, "write fast").keys(1, 1, 1).group("string").since("6.2.0")
                .summary("Returns a key's string and deletes the key").handler(new GetDelCommand()));
        table.add(command("getex", -2, "write fast").keys(1, 1, 1).group("string").since("6.2.0")
                .summary("Returns a key's string, optionally changing its expiry").handler(new GetExCommand()));
        table.add(command("incr", 2, "write denyoom fast").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Adds one to the integer stored at a key").handler(new IncrCommand()));
        table.add(command("decr", 2, "write denyoom fast").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Subtracts one from the integer stored at a key").handler(new DecrCommand()));
        table.add(command("incrby", 3, "write denyoom fast").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Adds an integer to the number stored at a key").handler(new IncrByCommand()));
        table.add(command("decrby", 3, "write denyoom fast").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Subtracts an integer from the number stored at a key").handler(new DecrByCommand()));
        table.add(command("incrbyfloat", 3, "write denyoom fast").keys(1, 1, 1).group("string").since("2.6.0")
                .summary("Adds a floating-point number to the number stored at a key").handler(new IncrByFloatCommand()));
        table.add(command("append", 3, "write denyoom fast").keys(1, 1, 1).group("string").since("2.0.0")
                .summary("Adds bytes to the end of the string at a key").handler(new AppendCommand()));
        table.add(command("strlen", 2, "readonly fast").keys(1, 1, 1).group("string").since("2.2.0")
                .summary("Returns the byte length of the string at a key").handler(new StrLenCommand()));
        table.add(command("getrange", 4, "readonly").keys(1, 1, 1).group("string").since("2.4.0")
                .summary("Returns part of a key's string, by byte offsets").handler(new GetRangeCommand()));
        table.add(command("substr", 4, "readonly").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Returns part of a key's string (old name of GETRANGE)").handler(new SubstrCommand()));
        table.add(command("setrange", 4, "write denyoom").keys(1, 1, 1).group("string").since("2.2.0")
                .summary("Overwrites a key's string from a byte offset onwards").handler(new SetRangeCommand()));
    }
}
