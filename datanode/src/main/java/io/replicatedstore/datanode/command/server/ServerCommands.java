package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.CommandSpec;
import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/**
 * Server commands: INFO, CONFIG, COMMAND, CLIENT, TIME, LASTSAVE, SHUTDOWN, DEBUG, MONITOR,
 * SLOWLOG, MEMORY; arity, flags, key positions and since versions as in Redis 7.0's command table.
 */
public final class ServerCommands {

    private ServerCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("info", -1, "loading stale").group("server").since("1.0.0")
                .summary("Get information and statistics about the server").handler(new InfoCommand()));
        table.add(config());
        table.add(commandCommand());
        table.add(client());
        table.add(command("time", 1, "loading stale fast").group("server").since("2.6.0")
                .summary("Return the current server time").handler(new TimeCommand()));
        table.add(command("lastsave", 1, "loading stale fast").group("server").since("1.0.0")
                .summary("Get the UNIX time stamp of the last successful save to disk").handler(new LastSaveCommand()));
        table.add(command("shutdown", -1, "admin noscript loading stale no_multi allow_busy").group("server")
                .since("1.0.0").summary("Synchronously save the dataset to disk and then shut down the server")
                .handler(new ShutdownCommand()));
        table.add(command("debug", -2, "admin noscript loading stale").group("server").since("1.0.0")
                .summary("A container for debugging commands").handler(new DebugCommand()));
        table.add(command("monitor", 1, "admin noscript loading stale").group("server").since("1.0.0")
                .summary("Listen for all requests received by the server in real time").handler(new MonitorCommand()));
        table.add(slowlog());
        table.add(memory());
    }

    private static CommandSpec.Builder sub(String name, int arity, String flags, String since, String summary, String group) {
        return command(name, arity, flags).group(group).since(since).summary(summary);
    }

    private static final String HELP_SUMMARY = "Show helpful text about the different subcommands";

    private static CommandSpec config() {
        String g = "server";
        return command("config", -2, "").group(g).since("2.0.0")
                .summary("A container for server configuration commands")
                .subcommand(sub("get", -3, "admin noscript loading stale", "2.0.0",
                        "Get the values of configuration parameters", g).handler(new ConfigGetCommand()))
                .subcommand(sub("set", -4, "admin noscript loading stale", "2.0.0",
                        "Set configuration parameters to the given values", g).handler(new ConfigSetCommand()))
                .subcommand(sub("resetstat", 2, "admin noscript loading stale", "2.0.0",
                        "Reset the stats returned by INFO", g).handler(new ConfigResetStatCommand()))
                .subcommand(sub("rewrite", 2, "admin noscript loading stale", "2.8.0",
                        "Rewrite the configuration file with the in memory configuration", g)
                        .handler(new ConfigRewriteCommand()))
                .subcommand(sub("help", 2, "loading stale", "5.0.0", HELP_SUMMARY, g).handler(new HelpReply(
                        "GET <pattern>",
                        "    Return parameters matching the glob-like <pattern> and their values.",
                        "SET <directive> <value>",
                        "    Set the configuration <directive> to <value>.",
                        "RESETSTAT",
                        "    Reset statistics reported by the INFO command.",
                        "REWRITE",
                        "    Rewrite the configuration file.")))
                .container();
    }

    private static CommandSpec commandCommand() {
        String g = "server";
        return command("command", -1, "loading stale").group(g).since("2.8.13")
                .summary("Get array of Redis command details")
                .subcommand(sub("count", 2, "loading stale", "2.8.13", "Get total number of Redis commands", g)
                        .handler(new CommandCountCommand()))
                .subcommand(sub("docs", -2, "loading stale", "7.0.0",
                        "Get array of specific Redis command documentation", g).handler(new CommandDocsCommand()))
                .subcommand(sub("getkeys", -4, "loading stale", "2.8.13",
                        "Extract keys given a full Redis command", g).handler(new CommandGetKeysCommand(false)))
                .subcommand(sub("getkeysandflags", -4, "loading stale", "7.0.0",
                        "Extract keys and access flags given a full Redis command", g)
                        .handler(new CommandGetKeysCommand(true)))
                .subcommand(sub("info", -2, "loading stale", "2.8.13",
                        "Get array of specific Redis command details, or all when no argument is given.", g)
                        .handler(new CommandInfoCommand()))
                .subcommand(sub("list", -2, "loading stale", "7.0.0", "Get an array of Redis command names", g)
                        .handler(new CommandListCommand()))
                .subcommand(sub("help", 2, "loading stale", "5.0.0", HELP_SUMMARY, g).handler(new HelpReply(
                        "(no subcommand)",
                        "    Return details about all Redis commands.",
                        "COUNT",
                        "    Return the total number of commands in this Redis server.",
                        "LIST",
                        "    Return a list of all commands in this Redis server.",
                        "INFO [<command-name> ...]",
                        "    Return details about multiple Redis commands.",
                        "    If no command names are given, documentation details for all",
                        "    commands are returned.",
                        "DOCS [<command-name> ...]",
                        "    Return documentation details about multiple Redis commands.",
                        "    If no command names are given, documentation details for all",
                        "    commands are returned.",
                        "GETKEYS <full-command>",
                        "    Return the keys from a full Redis command.",
                        "GETKEYSANDFLAGS <full-command>",
                        "    Return the keys and the access flags from a full Redis command.")))
                .handler(new CommandCommand());
    }

    private static CommandSpec client() {
        String g = "connection";
        String plain = "noscript loading stale";
        String admin = "admin noscript loading stale";
        return command("client", -2, "").group(g).since("2.4.0")
                .summary("A container for client connection commands")
                .subcommand(sub("caching", 3, plain, "6.0.0",
                        "Instruct the server about tracking or not keys in the next request", g)
                        .handler(new ClientCachingCommand()))
                .subcommand(sub("getname", 2, plain, "2.6.9", "Get the current connection name", g)
                        .handler(new ClientGetNameCommand()))
                .subcommand(sub("getredir", 2, plain, "6.0.0",
                        "Get tracking notifications redirection client ID if any", g)
                        .handler(new ClientGetRedirCommand()))
                .subcommand(sub("id", 2, plain, "5.0.0", "Returns the client ID for the current connection", g)
                        .handler(new ClientIdCommand()))
                .subcommand(sub("info", 2, plain, "6.2.0",
                        "Returns information about the current client connection.", g)
                        .handler(new ClientInfoCommand()))
                .subcommand(sub("kill", -3, admin, "2.4.0", "Kill the connection of a client", g)
                        .handler(new ClientKillCommand()))
                .subcommand(sub("list", -2, admin, "2.4.0", "Get the list of client connections", g)
                        .handler(new ClientListCommand()))
                .subcommand(sub("no-evict", 3, admin, "7.0.0", "Set client eviction mode for the current connection", g)
                        .handler(new ClientNoEvictCommand()))
                .subcommand(sub("pause", -3, admin, "2.9.50", "Stop processing commands from clients for some time", g)
                        .handler(new ClientPauseCommand()))
                .subcommand(sub("setinfo", 4, plain, "7.2.0", "Sets information specific to the client or connection.", g)
                        .handler(new ClientSetInfoCommand()))
                .subcommand(sub("setname", 3, plain, "2.6.9", "Set the current connection name", g)
                        .handler(new ClientSetNameCommand()))
                .subcommand(sub("trackinginfo", 2, plain, "6.2.0",
                        "Return information about server assisted client side caching for the current connection", g)
                        .handler(new ClientTrackingInfoCommand()))
                .subcommand(sub("unblock", -3, admin, "5.0.0",
                        "Unblock a client blocked in a blocking command from a different connection", g)
                        .handler(new ClientUnblockCommand()))
                .subcommand(sub("unpause", 2, admin, "6.2.0", "Resume processing of clients that were paused", g)
                        .handler(new ClientUnpauseCommand()))
                .subcommand(sub("help", 2, "loading stale", "5.0.0", HELP_SUMMARY, g).handler(new HelpReply(
                        "CACHING (YES|NO)",
                        "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
                        "GETREDIR",
                        "    Return the client ID we are redirecting to when tracking is enabled.",
                        "GETNAME",
                        "    Return the name of the current connection.",
                        "ID",
                        "    Return the ID of the current connection.",
                        "INFO",
                        "    Return information about the current client connection.",
                        "KILL <ip:port>",
                        "    Kill connection made from <ip:port>.",
                        "KILL <option> <value> [<option> <value> [...]]",
                        "    Kill connections. Options are:",
                        "    * ADDR (<ip:port>|<unixsocket>:0)",
                        "      Kill connections made from the specified address",
                        "    * LADDR (<ip:port>|<unixsocket>:0)",
                        "      Kill connections made to specified local address",
                        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                        "      Kill connections by type.",
                        "    * USER <username>",
                        "      Kill connections authenticated by <username>.",
                        "    * SKIPME (YES|NO)",
                        "      Skip killing current connection (default: yes).",
                        "LIST [options ...]",
                        "    Return information about client connections. Options:",
                        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                        "      Return clients of specified type.",
                        "UNPAUSE",
                        "    Stop the current client pause, resuming traffic.",
                        "PAUSE <timeout> [WRITE|ALL]",
                        "    Suspend all, or just write, clients for <timeout> milliseconds.",
                        "SETNAME <name>",
                        "    Assign the name <name> to the current connection.",
                        "SETINFO <option> <value>",
                        "    Set client meta attr. Options are:",
                        "    * LIB-NAME: the client lib name.",
                        "    * LIB-VER: the client lib version.",
                        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
                        "    Unblock the specified blocked client.",
                        "TRACKINGINFO",
                        "    Report tracking status for the current connection.",
                        "NO-EVICT (ON|OFF)",
                        "    Protect current client connection from eviction.")))
                .container();
    }

    private static CommandSpec slowlog() {
        String g = "server";
        return command("slowlog", -2, "").group(g).since("2.2.12").summary("A container for slow log commands")
                .subcommand(sub("get", -2, "admin loading stale", "2.2.12", "Get the slow log's entries", g)
                        .handler(new SlowlogGetCommand()))
                .subcommand(sub("len", 2, "admin loading stale", "2.2.12", "Get the slow log's length", g)
                        .handler(new SlowlogLenCommand()))
                .subcommand(sub("reset", 2, "admin loading stale", "2.2.12", "Clear all entries from the slow log", g)
                        .handler(new SlowlogResetCommand()))
                .subcommand(sub("help", 2, "loading stale", "6.2.0", HELP_SUMMARY, g).handler(new HelpReply(
                        "GET [<count>]",
                        "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
                        "    Entries are made of:",
                        "    id, timestamp, time in microseconds, arguments array, client IP and port,",
                        "    client name",
                        "LEN",
                        "    Return the length of the slowlog.",
                        "RESET",
                        "    Reset the slowlog.")))
                .container();
    }

    private static CommandSpec memory() {
        String g = "server";
        return command("memory", -2, "").group(g).since("4.0.0").summary("A container for memory diagnostics commands")
                .subcommand(sub("usage", -3, "readonly", "4.0.0", "Estimate the memory usage of a key", g)
                        .keys(2, 2, 1).handler(new MemoryUsageCommand()))
                .subcommand(sub("malloc-stats", 2, "", "4.0.0", "Show allocator internal stats", g)
                        .handler(new MemoryMallocStatsCommand()))
                .subcommand(sub("purge", 2, "", "4.0.0", "Ask the allocator to release memory", g)
                        .handler(new MemoryPurgeCommand()))
                .subcommand(sub("help", 2, "loading stale", "4.0.0", HELP_SUMMARY, g).handler(new HelpReply(
                        "MALLOC-STATS",
                        "    Return internal statistics report from the memory allocator.",
                        "PURGE",
                        "    Attempt to purge dirty pages for reclamation by the allocator.",
                        "USAGE <key> [SAMPLES <count>]",
                        "    Return memory in bytes used by <key> and its value. Nested values are",
                        "    sampled up to <count> times (default: 5, 0 means sample all).")))
                .container();
    }
}
