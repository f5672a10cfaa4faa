package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.CommandSpec;
import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/**
 * Sorted sets: the Z* commands of Redis 7.0, with its arities, flags and key positions as
 * COMMAND INFO shows them. (Redis also marks the numkeys commands "movablekeys".)
 */
public final class SortedSetCommands {

    private static final String GROUP = "sorted-set";

    private SortedSetCommands() {
    }

    public static void register(CommandTable table) {
        add(table, command("zadd", -4, "write denyoom fast").keys(1, 1, 1).since("1.2.0")
                .summary("Add one or more members to a sorted set, or update its score if it already exists"), new ZAddCommand());
        add(table, command("zincrby", 4, "write denyoom fast").keys(1, 1, 1).since("1.2.0")
                .summary("Increment the score of a member in a sorted set"), new ZIncrByCommand());
        add(table, command("zrem", -3, "write fast").keys(1, 1, 1).since("1.2.0")
                .summary("Remove one or more members from a sorted set"), new ZRemCommand());
        add(table, command("zremrangebyscore", 4, "write").keys(1, 1, 1).since("1.2.0")
                .summary("Remove all members in a sorted set within the given scores"), new ZRemRangeByScoreCommand());
        add(table, command("zremrangebyrank", 4, "write").keys(1, 1, 1).since("2.0.0")
                .summary("Remove all members in a sorted set within the given indexes"), new ZRemRangeByRankCommand());
        add(table, command("zremrangebylex", 4, "write").keys(1, 1, 1).since("2.8.9")
                .summary("Remove all members in a sorted set between the given lexicographical range"), new ZRemRangeByLexCommand());
        add(table, command("zunionstore", -4, "write denyoom").keys(1, 1, 1).since("2.0.0")
                .summary("Add multiple sorted sets and store the resulting sorted set in a new key"), new ZUnionStoreCommand());
        add(table, command("zinterstore", -4, "write denyoom").keys(1, 1, 1).since("2.0.0")
                .summary("Intersect multiple sorted sets and store the resulting sorted set in a new key"), new ZInterStoreCommand());
        add(table, command("zdiffstore", -4, "write denyoom").keys(1, 1, 1).since("6.2.0")
                .summary("Subtract multiple sorted sets and store the resulting sorted set in a new key"), new ZDiffStoreCommand());
        add(table, command("zunion", -3, "readonly").keys(0, 0, 0).since("6.2.0")
                .summary("Add multiple sorted sets"), new ZUnionCommand());
        add(table, command("zinter", -3, "readonly").keys(0, 0, 0).since("6.2.0")
                .summary("Intersect multiple sorted sets"), new ZInterCommand());
        add(table, command("zdiff", -3, "readonly").keys(0, 0, 0).since("6.2.0")
                .summary("Subtract multiple sorted sets"), new ZDiffCommand());
        add(table, command("zintercard", -3, "readonly").keys(0, 0, 0).since("7.0.0")
                .summary("Intersect multiple sorted sets and return the cardinality of the result"), new ZInterCardCommand());
        add(table, command("zrange", -4, "readonly").keys(1, 1, 1).since("1.2.0")
                .summary("Return a range of members in a sorted set"), new ZRangeCommand());
        add(table, command("zrangestore", -5, "write denyoom").keys(1, 2, 1).since("6.2.0")
                .summary("Store a range of members from sorted set into another key"), new ZRangeStoreCommand());
        add(table, command("zrangebyscore", -4, "readonly").keys(1, 1, 1).since("1.0.5")
                .summary("Return a range of members in a sorted set, by score"), new ZRangeByScoreCommand());
        add(table, command("zrevrangebyscore", -4, "readonly").keys(1, 1, 1).since("2.2.0")
                .summary("Return a range of members in a sorted set, by score, with scores ordered from high to low"),
                new ZRevRangeByScoreCommand());
        add(table, command("zrangebylex", -4, "readonly").keys(1, 1, 1).since("2.8.9")
                .summary("Return a range of members in a sorted set, by lexicographical range"), new ZRangeByLexCommand());
        add(table, command("zrevrangebylex", -4, "readonly").keys(1, 1, 1).since("2.8.9")
                .summary("Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings."),
                new ZRevRangeByLexCommand());
        add(table, command("zcount", 4, "readonly fast").keys(1, 1, 1).since("2.0.0")
                .summary("Count the members in a sorted set with scores within the given values"), new ZCountCommand());
        add(table, command("zlexcount", 4, "readonly fast").keys(1, 1, 1).since("2.8.9")
                .summary("Count the number of members in a sorted set between a given lexicographical range"), new ZLexCountCommand());
        add(table, command("zrevrange", -4, "readonly").keys(1, 1, 1).since("1.2.0")
                .summary("Return a range of members in a sorted set, by index, with scores ordered from high to low"),
                new ZRevRangeCommand());
        add(table, command("zcard", 2, "readonly fast").keys(1, 1, 1).since("1.2.0")
                .summary("Get the number of members in a sorted set"), new ZCardCommand());
        add(table, command("zscore", 3, "readonly fast").keys(1, 1, 1).since("1.2.0")
                .summary("Get the score associated with the given member in a sorted set"), new ZScoreCommand());
        add(table, command("zmscore", -3, "readonly fast").keys(1, 1, 1).since("6.2.0")
                .summary("Get the score associated with the given members in a sorted set"), new ZMScoreCommand());
        add(table, command("zrank", 3, "readonly fast").keys(1, 1, 1).since("2.0.0")
                .summary("Determine the index of a member in a sorted set"), new ZRankCommand());
        add(table, command("zrevrank", 3, "readonly fast").keys(1, 1, 1).since("2.0.0")
                .summary("Determine the index of a member in a sorted set, with scores ordered from high to low"),
                new ZRevRankCommand());
        add(table, command("zscan", -3, "readonly").keys(1, 1, 1).since("2.8.0")
                .summary("Incrementally iterate sorted sets elements and associated scores"), new ZScanCommand());
        add(table, command("zpopmin", -2, "write fast").keys(1, 1, 1).since("5.0.0")
                .summary("Remove and return members with the lowest scores in a sorted set"), new ZPopMinCommand());
        add(table, command("zpopmax", -2, "write fast").keys(1, 1, 1).since("5.0.0")
                .summary("Remove and return members with the highest scores in a sorted set"), new ZPopMaxCommand());
        add(table, command("bzpopmin", -3, "write noscript blocking fast").keys(1, -2, 1).since("5.0.0")
                .summary("Remove and return the member with the lowest score from one or more sorted sets, "
                        + "or block until one is available"), new BZPopMinCommand());
        add(table, command("bzpopmax", -3, "write noscript blocking fast").keys(1, -2, 1).since("5.0.0")
                .summary("Remove and return the member with the highest score from one or more sorted sets, "
                        + "or block until one is available"), new BZPopMaxCommand());
        add(table, command("zmpop", -4, "write").keys(0, 0, 0).since("7.0.0")
                .summary("Remove and return members with scores in a sorted set"), new ZMPopCommand());
        add(table, command("bzmpop", -5, "write blocking").keys(0, 0, 0).since("7.0.0")
                .summary("Remove and return members with scores in a sorted set or block until one is available"),
                new BZMPopCommand());
        add(table, command("zrandmember", -2, "readonly").keys(1, 1, 1).since("6.2.0")
                .summary("Get one or multiple random elements from a sorted set"), new ZRandMemberCommand());
    }

    private static void add(CommandTable table, CommandSpec.Builder builder,
                            io.replicatedstore.datanode.command.Command command) {
        table.add(builder.group(GROUP).handler(command));
    }
}
