package io.replicatedstore.datanode.command.connection;

import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/** Connection commands: PING, ECHO, QUIT, RESET, AUTH, HELLO, SELECT. */
public final class ConnectionCommands {

    private ConnectionCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("ping", -1, "fast").group("connection").summary("Ping the server").handler(new PingCommand()));
        table.add(command("echo", 2, "loading stale fast").group("connection")
                .summary("Echo the given string").handler(new EchoCommand()));
        table.add(command("quit", -1, "noscript loading stale fast no_auth allow_busy").group("connection")
                .summary("Close the connection").handler(new QuitCommand()));
        table.add(command("reset", 1, "noscript loading stale fast no_auth allow_busy").group("connection")
                .since("6.2.0").summary("Reset the connection").handler(new ResetCommand()));
        table.add(command("auth", -2, "noscript loading stale fast no_auth allow_busy").group("connection")
                .summary("Authenticate to the server").handler(new AuthCommand()));
        table.add(command("hello", -1, "noscript loading stale fast no_auth allow_busy").group("connection")
                .since("6.0.0").summary("Handshake with Redis").handler(new HelloCommand()));
        table.add(command("select", 2, "loading stale fast").group("connection")
                .summary("Change the selected database for the current connection").handler(new SelectCommand()));
    }
}
