package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/**
 * Hashes: HSET HSETNX HGET HMSET HMGET HDEL HEXISTS HGETALL HKEYS HVALS HLEN HSTRLEN HINCRBY
 * HINCRBYFLOAT HSCAN HRANDFIELD, with Redis 7.0's arity, flags and key positions.
 */
public final class HashCommands {

    private HashCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("hset", -4, "write denyoom fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Writes one or more field/value pairs into a hash").handler(new HSetCommand()));
        table.add(command("hsetnx", 4, "write denyoom fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Writes a hash field only when that field is absent").handler(new HSetNxCommand()));
        table.add(command("hget", 3, "readonly fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Returns the value stored in one hash field").handler(new HGetCommand()));
        table.add(command("hmset", -4, "write denyoom fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Writes field/value pairs into a hash (older form of HSET)").handler(new HMSetCommand()));
        table.add(command("hmget", -3, "readonly fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Returns the values of the listed hash fields").handler(new HMGetCommand()));
        table.add(command("hdel", -3, "write fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Removes fields from a hash").handler(new HDelCommand()));
        table.add(command("hexists", 3, "readonly fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Tells whether a hash contains a field").handler(new HExistsCommand()));
        table.add(command("hgetall", 2, "readonly").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Returns every field and value of a hash").handler(new HGetAllCommand()));
        table.add(command("hkeys", 2, "readonly").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Returns every field name of a hash").handler(new HKeysCommand()));
        table.add(command("hvals", 2, "readonly").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Returns every value of a hash").handler(new HValsCommand()));
        table.add(command("hlen", 2, "readonly fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Counts the fields of a hash").handler(new HLenCommand()));
        table.add(command("hstrlen", 3, "readonly fast").keys(1, 1, 1).group("hash").since("3.2.0")
                .summary("Returns the byte length of a hash field's value").handler(new HStrLenCommand()));
        table.add(command("hincrby", 4, "write denyoom fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Adds an integer to a hash field's numeric value").handler(new HIncrByCommand()));
        table.add(command("hincrbyfloat", 4, "write denyoom fast").keys(1, 1, 1).group("hash").since("2.6.0")
                .summary("Adds a floating-point number to a hash field's value").handler(new HIncrByFloatCommand()));
        table.add(command("hscan", -3, "readonly").keys(1, 1, 1).group("hash").since("2.8.0")
                .summary("Walks a hash's fields and values with a cursor").handler(new HScanCommand()));
        table.add(command("hrandfield", -2, "readonly").keys(1, 1, 1).group("hash").since("6.2.0")
                .summary("Picks random fields, optionally with values, from a hash").handler(new HRandFieldCommand()));
    }
}
