package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.CommandTable;

/** Generic key commands: DEL, EXPIRE, SCAN, OBJECT... */
public final class KeyCommands {

    private KeyCommands() {
    }

    public static void register(CommandTable table) {
    }
}
