package io.replicatedstore.datanode.command.connection;

import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/** Connection commands: PING, ECHO, QUIT, RESET, AUTH, HELLO, SELECT, CLIENT. */
public final class ConnectionCommands {

    private ConnectionCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("ping", -1, "fast").group("connection").summary("Ping the server").handler(new PingCommand()));
    }
}
