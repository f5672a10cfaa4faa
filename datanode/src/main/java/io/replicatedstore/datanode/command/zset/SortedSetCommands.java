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
                .summary("Inserts members with scores into a sorted set, or updates scores"), new ZAddCommand());
        add(table, command("zincrby", 4, "write denyoom fast").keys(1, 1, 1).since("1.2.0")
                .summary("Adds to the score of a sorted set member"), new ZIncrByCommand());
        add(table, command("zrem", -3, "write fast").keys(1, 1, 1).since("1.2.0")
                .summary("Takes members out of a sorted set"), new ZRemCommand());
        add(table, command("zremrangebyscore", 4, "write").keys(1, 1, 1).since("1.2.0")
                .summary("Deletes sorted set members whose scores fall in a range"), new ZRemRangeByScoreCommand());
        add(table, command("zremrangebyrank", 4, "write").keys(1, 1, 1).since("2.0.0")
                .summary("Deletes sorted set members between two ranks"), new ZRemRangeByRankCommand());
        add(table, command("zremrangebylex", 4, "write").keys(1, 1, 1).since("2.8.9")
                .summary("Deletes sorted set members within a lexicographic range"), new ZRemRangeByLexCommand());
        add(table, command("zunionstore", -4, "write denyoom").keys(1, 1, 1).since("2.0.0")
                .summary("Saves the union of sorted sets into a key"), new ZUnionStoreCommand());
        add(table, command("zinterstore", -4, "write denyoom").keys(1, 1, 1).since("2.0.0")
                .summary("Saves the intersection of sorted sets into a key"), new ZInterStoreCommand());
        add(table, command("zdiffstore", -4, "write denyoom").keys(1, 1, 1).since("6.2.0")
                .summary("Saves the difference of sorted sets into a key"), new ZDiffStoreCommand());
        add(table, command("zunion", -3, "readonly").keys(0, 0, 0).since("6.2.0")
                .summary("Returns the union of sorted sets"), new ZUnionCommand());
        add(table, command("zinter", -3, "readonly").keys(0, 0, 0).since("6.2.0")
                .summary("Returns the intersection of sorted sets"), new ZInterCommand());
        add(table, command("zdiff", -3, "readonly").keys(0, 0, 0).since("6.2.0")
                .summary("Returns the members of the first sorted set missing from the others"), new ZDiffCommand());
        add(table, command("zintercard", -3, "readonly").keys(0, 0, 0).since("7.0.0")
                .summary("Counts the members common to all given sorted sets"), new ZInterCardCommand());
        add(table, command("zrange", -4, "readonly").keys(1, 1, 1).since("1.2.0")
                .summary("Returns sorted set members by rank, score or lexicographic range"), new ZRangeCommand());
        add(table, command("zrangestore", -5, "write denyoom").keys(1, 2, 1).since("6.2.0")
                .summary("Saves a range of a sorted set's members into a key"), new ZRangeStoreCommand());
        add(table, command("zrangebyscore", -4, "readonly").keys(1, 1, 1).since("1.0.5")
                .summary("Returns sorted set members whose scores fall in a range"), new ZRangeByScoreCommand());
        add(table, command("zrevrangebyscore", -4, "readonly").keys(1, 1, 1).since("2.2.0")
                .summary("Returns sorted set members in a score range, highest first"),
                new ZRevRangeByScoreCommand());
        add(table, command("zrangebylex", -4, "readonly").keys(1, 1, 1).since("2.8.9")
                .summary("Returns sorted set members within a lexicographic range"), new ZRangeByLexCommand());
        add(table, command("zrevrangebylex", -4, "readonly").keys(1, 1, 1).since("2.8.9")
                .summary("Returns sorted set members in a lexicographic range, in reverse"),
                new ZRevRangeByLexCommand());
        add(table, command("zcount", 4, "readonly fast").keys(1, 1, 1).since("2.0.0")
                .summary("Counts sorted set members whose scores fall in a range"), new ZCountCommand());
        add(table, command("zlexcount", 4, "readonly fast").keys(1, 1, 1).since("2.8.9")
                .summary("Counts sorted set members within a lexicographic range"), new ZLexCountCommand());
        add(table, command("zrevrange", -4, "readonly").keys(1, 1, 1).since("1.2.0")
                .summary("Returns sorted set members between two ranks, highest score first"),
                new ZRevRangeCommand());
        add(table, command("zcard", 2, "readonly fast").keys(1, 1, 1).since("1.2.0")
                .summary("Counts the members of a sorted set"), new ZCardCommand());
        add(table, command("zscore", 3, "readonly fast").keys(1, 1, 1).since("1.2.0")
                .summary("Returns the score of a sorted set member"), new ZScoreCommand());
        add(table, command("zmscore", -3, "readonly fast").keys(1, 1, 1).since("6.2.0")
                .summary("Returns the scores of several sorted set members"), new ZMScoreCommand());
        add(table, command("zrank", 3, "readonly fast").keys(1, 1, 1).since("2.0.0")
                .summary("Returns a member's position in a sorted set, lowest score first"), new ZRankCommand());
        add(table, command("zrevrank", 3, "readonly fast").keys(1, 1, 1).since("2.0.0")
                .summary("Returns a member's position in a sorted set, highest score first"),
                new ZRevRankCommand());
        add(table, command("zscan", -3, "readonly").keys(1, 1, 1).since("2.8.0")
                .summary("Walks a sorted set's members and scores with a cursor"), new ZScanCommand());
        add(table, command("zpopmin", -2, "write fast").keys(1, 1, 1).since("5.0.0")
                .summary("Pops the lowest-scored members from a sorted set"), new ZPopMinCommand());
        add(table, command("zpopmax", -2, "write fast").keys(1, 1, 1).since("5.0.0")
                .summary("Pops the highest-scored members from a sorted set"), new ZPopMaxCommand());
        add(table, command("bzpopmin", -3, "write noscript blocking fast").keys(1, -2, 1).since("5.0.0")
                .summary("Pops the lowest-scored member of the first non-empty sorted set; may wait"), new BZPopMinCommand());
        add(table, command("bzpopmax", -3, "write noscript blocking fast").keys(1, -2, 1).since("5.0.0")
                .summary("Pops the highest-scored member of the first non-empty sorted set; may wait"), new BZPopMaxCommand());
        add(table, command("zmpop", -4, "write").keys(0, 0, 0).since("7.0.0")
                .summary("Pops lowest- or highest-scored members of the first non-empty sorted set"), new ZMPopCommand());
        add(table, command("bzmpop", -5, "write blocking").keys(0, 0, 0).since("7.0.0")
                .summary("Like ZMPOP, but waits while all the sorted sets are empty"),
                new BZMPopCommand());
        add(table, command("zrandmember", -2, "readonly").keys(1, 1, 1).since("6.2.0")
                .summary("Picks random members, optionally with scores, from a sorted set"), new ZRandMemberCommand());
    }

    private static void add(CommandTable table, CommandSpec.Builder builder,
                            io.replicatedstore.datanode.command.Command command) {
        table.add(builder.group(GROUP).handler(command));
    }
}
