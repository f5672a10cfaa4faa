package io.replicatedstore.datanode.command.hll;

import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/** HyperLogLogs stored as strings in Redis's format, with Redis 7.0's arities, flags and key positions. */
public final class HllCommands {

    private HllCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("pfadd", -2, "write denyoom fast").keys(1, 1, 1).group("hyperloglog").since("2.8.9")
                .summary("Adds elements to a HyperLogLog, creating it if needed").handler(new PfAddCommand()));
        table.add(command("pfcount", -2, "readonly").keys(1, -1, 1).group("hyperloglog").since("2.8.9")
                .summary("Estimates the number of distinct elements added to one or more HyperLogLogs").handler(new PfCountCommand()));
        table.add(command("pfmerge", -2, "write denyoom").keys(1, -1, 1).group("hyperloglog").since("2.8.9")
                .summary("Merges HyperLogLogs into a destination key").handler(new PfMergeCommand()));
        table.add(command("pfdebug", 3, "write denyoom admin").keys(2, 2, 1).group("hyperloglog").since("2.8.9")
                .summary("Shows or converts the internal representation of a HyperLogLog").handler(new PfDebugCommand()));
        table.add(command("pfselftest", 1, "admin").group("hyperloglog").since("2.8.9")
                .summary("Runs the HyperLogLog self test").handler(new PfSelfTestCommand()));
    }
}
