package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/**
 * Sets: SADD SREM SMEMBERS SISMEMBER SMISMEMBER SCARD SPOP SRANDMEMBER SINTER SINTERCARD SUNION
 * SDIFF SINTERSTORE SUNIONSTORE SDIFFSTORE SMOVE SSCAN, with Redis 7.0's arity, flags and key
 * positions.
 */
public final class SetCommands {

    private SetCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("sadd", -3, "write denyoom fast").keys(1, 1, 1).group("set").since("1.0.0")
                .summary("Add one or more members to a set").handler(new SAddCommand()));
        table.add(command("srem", -3, "write fast").keys(1, 1, 1).group("set").since("1.0.0")
                .summary("Remove one or more members from a set").handler(new SRemCommand()));
        table.add(command("smembers", 2, "readonly").keys(1, 1, 1).group("set").since("1.0.0")
                .summary("Get all the members in a set").handler(new SMembersCommand()));
        table.add(command("sismember", 3, "readonly fast").keys(1, 1, 1).group("set").since("1.0.0")
                .summary("Determine if a given value is a member of a set").handler(new SIsMemberCommand()));
        table.add(command("smismember", -3, "readonly fast").keys(1, 1, 1).group("set").since("6.2.0")
                .summary("Returns the membership associated with the given elements for a set")
                .handler(new SMIsMemberCommand()));
        table.add(command("scard", 2, "readonly fast").keys(1, 1, 1).group("set").since("1.0.0")
                .summary("Get the number of members in a set").handler(new SCardCommand()));
        table.add(command("spop", -2, "write fast").keys(1, 1, 1).group("set").since("1.0.0")
                .summary("Remove and return one or multiple random members from a set").handler(new SPopCommand()));
        table.add(command("srandmember", -2, "readonly").keys(1, 1, 1).group("set").since("1.0.0")
                .summary("Get one or multiple random members from a set").handler(new SRandMemberCommand()));
        table.add(command("sinter", -2, "readonly").keys(1, -1, 1).group("set").since("1.0.0")
                .summary("Intersect multiple sets").handler(new SInterCommand()));
        // COMMAND INFO shows 0,0,0 (movablekeys): the keys follow numkeys.
        table.add(command("sintercard", -3, "readonly").keys(0, 0, 0).group("set").since("7.0.0")
                .summary("Intersect multiple sets and return the cardinality of the result")
                .handler(new SInterCardCommand()));
        table.add(command("sunion", -2, "readonly").keys(1, -1, 1).group("set").since("1.0.0")
                .summary("Add multiple sets").handler(new SUnionCommand()));
        table.add(command("sdiff", -2, "readonly").keys(1, -1, 1).group("set").since("1.0.0")
                .summary("Subtract multiple sets").handler(new SDiffCommand()));
        table.add(command("sinterstore", -3, "write denyoom").keys(1, -1, 1).group("set").since("1.0.0")
                .summary("Intersect multiple sets and store the resulting set in a key").handler(new SInterStoreCommand()));
        table.add(command("sunionstore", -3, "write denyoom").keys(1, -1, 1).group("set").since("1.0.0")
                .summary("Add multiple sets and store the resulting set in a key").handler(new SUnionStoreCommand()));
        table.add(command("sdiffstore", -3, "write denyoom").keys(1, -1, 1).group("set").since("1.0.0")
                .summary("Subtract multiple sets and store the resulting set in a key").handler(new SDiffStoreCommand()));
        table.add(command("smove", 4, "write fast").keys(1, 2, 1).group("set").since("1.0.0")
                .summary("Move a member from one set to another").handler(new SMoveCommand()));
        table.add(command("sscan", -3, "readonly").keys(1, 1, 1).group("set").since("2.8.0")
                .summary("Incrementally iterate Set elements").handler(new SScanCommand()));
    }
}
