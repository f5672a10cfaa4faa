package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.CommandTable;

/** Strings: GET, SET and the rest of the string family. */
public final class StringCommands {

    private StringCommands() {
    }

    public static void register(CommandTable table) {
    }
}
