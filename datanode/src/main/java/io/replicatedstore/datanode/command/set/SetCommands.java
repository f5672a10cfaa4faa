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
                .summary("Puts members into a set").handler(new SAddCommand()));
        table.add(command("srem", -3, "write fast").keys(1, 1, 1).group("set").since("1.0.0")
                .summary("Takes members out of a set").handler(new SRemCommand()));
        table.add(command("smembers", 2, "readonly").keys(1, 1, 1).group("set").since("1.0.0")
                .summary("Returns every member of a set").handler(new SMembersCommand()));
        table.add(command("sismember", 3, "readonly fast").keys(1, 1, 1).group("set").since("1.0.0")
                .summary("Tells whether a value belongs to a set").handler(new SIsMemberCommand()));
        table.add(command("smismember", -3, "readonly fast").keys(1, 1, 1).group("set").since("6.2.0")
                .summary("Tells, for each given value, whether it belongs to a set")
                .handler(new SMIsMemberCommand()));
        table.add(command("scard", 2, "readonly fast").keys(1, 1, 1).group("set").since("1.0.0")
                .summary("Counts the members of a set").handler(new SCardCommand()));
        table.add(command("spop", -2, "write fast").keys(1, 1, 1).group("set").since("1.0.0")
                .summary("Removes random members from a set and returns them").handler(new SPopCommand()));
        table.add(command("srandmember", -2, "readonly").keys(1, 1, 1).group("set").since("1.0.0")
                .summary("Returns random members of a set without removing them").handler(new SRandMemberCommand()));
        table.add(command("sinter", -2, "readonly").keys(1, -1, 1).group("set").since("1.0.0")
                .summary("Returns the members common to all given sets").handler(new SInterCommand()));
        // COMMAND INFO shows 0,0,0 (movablekeys): the keys follow numkeys.
        table.add(command("sintercard", -3, "readonly").keys(0, 0, 0).group("set").since("7.0.0")
                .summary("Counts the members common to all given sets")
                .handler(new SInterCardCommand()));
        table.add(command("sunion", -2, "readonly").keys(1, -1, 1).group("set").since("1.0.0")
                .summary("Returns the members found in any of the given sets").handler(new SUnionCommand()));
        table.add(command("sdiff", -2, "readonly").keys(1, -1, 1).group("set").since("1.0.0")
                .summary("Returns the members of the first set missing from the others").handler(new SDiffCommand()));
        table.add(command("sinterstore", -3, "write denyoom").keys(1, -1, 1).group("set").since("1.0.0")
                .summary("Saves the intersection of sets into a key").handler(new SInterStoreCommand()));
        table.add(command("sunionstore", -3, "write denyoom").keys(1, -1, 1).group("set").since("1.0.0")
                .summary("Saves the union of sets into a key").handler(new SUnionStoreCommand()));
        table.add(command("sdiffstore", -3, "write denyoom").keys(1, -1, 1).group("set").since("1.0.0")
                .summary("Saves the difference of sets into a key").handler(new SDiffStoreCommand()));
        table.add(command("smove", 4, "write fast").keys(1, 2, 1).group("set").since("1.0.0")
                .summary("Transfers a member from one set to another").handler(new SMoveCommand()));
        table.add(command("sscan", -3, "readonly").keys(1, 1, 1).group("set").since("2.8.0")
                .summary("Walks a set's members with a cursor").handler(new SScanCommand()));
    }
}
