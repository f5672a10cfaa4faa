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
                .summary("Get the value of a key").handler(new GetCommand()));
        table.add(command("set", -3, "write denyoom").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Set the string value of a key").handler(new SetCommand()));
        table.add(command("setnx", 3, "write denyoom fast").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Set the value of a key, only if the key does not exist").handler(new SetNxCommand()));
        table.add(command("setex", 4, "write denyoom").keys(1, 1, 1).group("string").since("2.0.0")
                .summary("Set the value and expiration of a key").handler(new SetExCommand()));
        table.add(command("psetex", 4, "write denyoom").keys(1, 1, 1).group("string").since("2.6.0")
                .summary("Set the value and expiration in milliseconds of a key").handler(new PSetExCommand()));
        table.add(command("mget", -2, "readonly fast").keys(1, -1, 1).group("string").since("1.0.0")
                .summary("Get the values of all the given keys").handler(new MGetCommand()));
        table.add(command("mset", -3, "write denyoom").keys(1, -1, 2).group("string").since("1.0.1")
                .summary("Set multiple keys to multiple values").handler(new MSetCommand()));
        table.add(command("msetnx", -3, "write denyoom").keys(1, -1, 2).group("string").since("1.0.1")
                .summary("Set multiple keys to multiple values, only if none of the keys exist").handler(new MSetNxCommand()));
        table.add(command("getset", 3, "write denyoom fast").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Set the string value of a key and return its old value").handler(new GetSetCommand()));
        table.add(command("getdel", 2, "write fast").keys(1, 1, 1).group("string").since("6.2.0")
                .summary("Get the value of a key and delete the key").handler(new GetDelCommand()));
        table.add(command("getex", -2, "write fast").keys(1, 1, 1).group("string").since("6.2.0")
                .summary("Get the value of a key and optionally set its expiration").handler(new GetExCommand()));
        table.add(command("incr", 2, "write denyoom fast").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Increment the integer value of a key by one").handler(new IncrCommand()));
        table.add(command("decr", 2, "write denyoom fast").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Decrement the integer value of a key by one").handler(new DecrCommand()));
        table.add(command("incrby", 3, "write denyoom fast").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Increment the integer value of a key by the given amount").handler(new IncrByCommand()));
        table.add(command("decrby", 3, "write denyoom fast").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Decrement the integer value of a key by the given number").handler(new DecrByCommand()));
        table.add(command("incrbyfloat", 3, "write denyoom fast").keys(1, 1, 1).group("string").since("2.6.0")
                .summary("Increment the float value of a key by the given amount").handler(new IncrByFloatCommand()));
        table.add(command("append", 3, "write denyoom fast").keys(1, 1, 1).group("string").since("2.0.0")
                .summary("Append a value to a key").handler(new AppendCommand()));
        table.add(command("strlen", 2, "readonly fast").keys(1, 1, 1).group("string").since("2.2.0")
                .summary("Get the length of the value stored in a key").handler(new StrLenCommand()));
        table.add(command("getrange", 4, "readonly").keys(1, 1, 1).group("string").since("2.4.0")
                .summary("Get a substring of the string stored at a key").handler(new GetRangeCommand()));
        table.add(command("substr", 4, "readonly").keys(1, 1, 1).group("string").since("1.0.0")
                .summary("Get a substring of the string stored at a key").handler(new SubstrCommand()));
        table.add(command("setrange", 4, "write denyoom").keys(1, 1, 1).group("string").since("2.2.0")
                .summary("Overwrite part of a string at key starting at the specified offset").handler(new SetRangeCommand()));
    }
}
