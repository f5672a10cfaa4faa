package io.replicatedstore.datanode.command.connection;

import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/** Connection commands: PING, ECHO, QUIT, RESET, AUTH, HELLO, SELECT. */
public final class ConnectionCommands {

    private ConnectionCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("ping", -1, "fast").group("connection").summary("Checks the server is alive: replies PONG, or echoes a message").handler(new PingCommand()));
        table.add(command("echo", 2, "loading stale fast").group("connection")
                .summary("Replies with the message it was sent").handler(new EchoCommand()));
        table.add(command("quit", -1, "noscript loading stale fast no_auth allow_busy").group("connection")
                .summary("Asks the server to hang up this connection").handler(new QuitCommand()));
        table.add(command("reset", 1, "noscript loading stale fast no_auth allow_busy").group("connection")
                .since("6.2.0").summary("Returns this connection's session to its initial state").handler(new ResetCommand()));
        table.add(command("auth", -2, "noscript loading stale fast no_auth allow_busy").group("connection")
                .summary("Logs this connection in with a password and optional user").handler(new AuthCommand()));
        table.add(command("hello", -1, "noscript loading stale fast no_auth allow_busy").group("connection")
                .since("6.0.0").summary("Picks the protocol version, optionally logs in, describes the server").handler(new HelloCommand()));
        table.add(command("select", 2, "loading stale fast").group("connection")
                .summary("Switches this connection to another numbered database").handler(new SelectCommand()));
    }
}
