package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.CommandTable;

/** Lists, including the blocking pops. */
public final class ListCommands {

    private ListCommands() {
    }

    public static void register(CommandTable table) {
    }
}
