package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.CommandTable;

/** Hashes. */
public final class HashCommands {

    private HashCommands() {
    }

    public static void register(CommandTable table) {
    }
}
