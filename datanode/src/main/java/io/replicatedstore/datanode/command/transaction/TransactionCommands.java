package io.replicatedstore.datanode.command.transaction;

import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/** MULTI, EXEC, DISCARD, WATCH, UNWATCH. */
public final class TransactionCommands {

    private static final String GROUP = "transactions";

    private TransactionCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("multi", 1, "noscript loading stale fast allow_busy").group(GROUP).since("1.2.0")
                .summary("Begins queueing commands for a transaction").handler(new MultiCommand()));
        table.add(command("exec", 1, "noscript loading stale skip_slowlog").group(GROUP).since("1.2.0")
                .summary("Runs the commands queued since MULTI").handler(new ExecCommand()));
        table.add(command("discard", 1, "noscript loading stale fast allow_busy").group(GROUP).since("2.0.0")
                .summary("Drops the commands queued since MULTI").handler(new DiscardCommand()));
        table.add(command("watch", -2, "noscript loading stale fast allow_busy").keys(1, -1, 1).group(GROUP)
                .since("2.2.0").summary("Makes the next EXEC fail if any of these keys change first")
                .handler(new WatchCommand()));
        table.add(command("unwatch", 1, "noscript loading stale fast allow_busy").group(GROUP).since("2.2.0")
                .summary("Stops watching all keys for this connection").handler(new UnwatchCommand()));
    }
}
