package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.CommandTable;

/** Sets. */
public final class SetCommands {

    private SetCommands() {
    }

    public static void register(CommandTable table) {
    }
}
