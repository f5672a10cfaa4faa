package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.CommandTable;

/** Server commands: INFO, CONFIG, COMMAND, CLIENT, SLOWLOG... */
public final class ServerCommands {

    private ServerCommands() {
    }

    public static void register(CommandTable table) {
    }
}
