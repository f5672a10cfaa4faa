package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.CommandTable;

/** Sorted sets. */
public final class SortedSetCommands {

    private SortedSetCommands() {
    }

    public static void register(CommandTable table) {
    }
}
