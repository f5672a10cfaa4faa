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
                .summary("Set the string value of a hash field").handler(new HSetCommand()));
        table.add(command("hsetnx", 4, "write denyoom fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Set the value of a hash field, only if the field does not exist").handler(new HSetNxCommand()));
        table.add(command("hget", 3, "readonly fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Get the value of a hash field").handler(new HGetCommand()));
        table.add(command("hmset", -4, "write denyoom fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Set multiple hash fields to multiple values").handler(new HMSetCommand()));
        table.add(command("hmget", -3, "readonly fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Get the values of all the given hash fields").handler(new HMGetCommand()));
        table.add(command("hdel", -3, "write fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Delete one or more hash fields").handler(new HDelCommand()));
        table.add(command("hexists", 3, "readonly fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Determine if a hash field exists").handler(new HExistsCommand()));
        table.add(command("hgetall", 2, "readonly").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Get all the fields and values in a hash").handler(new HGetAllCommand()));
        table.add(command("hkeys", 2, "readonly").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Get all the fields in a hash").handler(new HKeysCommand()));
        table.add(command("hvals", 2, "readonly").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Get all the values in a hash").handler(new HValsCommand()));
        table.add(command("hlen", 2, "readonly fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Get the number of fields in a hash").handler(new HLenCommand()));
        table.add(command("hstrlen", 3, "readonly fast").keys(1, 1, 1).group("hash").since("3.2.0")
                .summary("Get the length of the value of a hash field").handler(new HStrLenCommand()));
        table.add(command("hincrby", 4, "write denyoom fast").keys(1, 1, 1).group("hash").since("2.0.0")
                .summary("Increment the integer value of a hash field by the given number").handler(new HIncrByCommand()));
        table.add(command("hincrbyfloat", 4, "write denyoom fast").keys(1, 1, 1).group("hash").since("2.6.0")
                .summary("Increment the float value of a hash field by the given amount").handler(new HIncrByFloatCommand()));
        table.add(command("hscan", -3, "readonly").keys(1, 1, 1).group("hash").since("2.8.0")
                .summary("Incrementally iterate hash fields and associated values").handler(new HScanCommand()));
        table.add(command("hrandfield", -2, "readonly").keys(1, 1, 1).group("hash").since("6.2.0")
                .summary("Get one or multiple random fields from a hash").handler(new HRandFieldCommand()));
    }
}
