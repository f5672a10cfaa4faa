package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.CommandSpec;
import io.replicatedstore.datanode.command.CommandTable;
import io.replicatedstore.datanode.command.HelpReply;

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
                .summary("Reports server state and statistics, by section").handler(new InfoCommand()));
        table.add(config());
        table.add(commandCommand());
        table.add(client());
        table.add(command("time", 1, "loading stale fast").group("server").since("2.6.0")
                .summary("Returns the server clock as seconds and microseconds").handler(new TimeCommand()));
        table.add(command("lastsave", 1, "loading stale fast").group("server").since("1.0.0")
                .summary("Returns the Unix time of the most recent successful save").handler(new LastSaveCommand()));
        table.add(command("save", 1, "admin noscript no_multi").group("server").since("1.0.0")
                .summary("Writes an RDB snapshot now; other commands wait until it is done").handler(new SaveCommand()));
        table.add(command("bgsave", -1, "admin noscript").group("server").since("1.0.0")
                .summary("Writes an RDB snapshot in the background while writes go on").handler(new BgsaveCommand()));
        table.add(command("bgrewriteaof", 1, "admin noscript").group("server").since("1.0.0")
                .summary("Compacts the append-only file from a snapshot in the background")
                .handler(ctx -> ctx.reply().simple(ctx.aof().bgrewriteaofCommand())));
        table.add(command("shutdown", -1, "admin noscript loading stale no_multi allow_busy").group("server")
                .since("1.0.0").summary("Stops the server, closing every connection")
                .handler(new ShutdownCommand()));
        table.add(command("debug", -2, "admin noscript loading stale").group("server").since("1.0.0")
                .summary("Subcommands for testing and troubleshooting the server").handler(new DebugCommand()));
        table.add(command("monitor", 1, "admin noscript loading stale").group("server").since("1.0.0")
                .summary("Streams every command the server processes to this client").handler(new MonitorCommand()));
        table.add(slowlog());
        table.add(memory());
    }

    private static CommandSpec.Builder sub(String name, int arity, String flags, String since, String summary, String group) {
        return command(name, arity, flags).group(group).since(since).summary(summary);
    }

    private static final String HELP_SUMMARY = "Lists the subcommands with short explanations";

    private static CommandSpec config() {
        String g = "server";
        return command("config", -2, "").group(g).since("2.0.0")
                .summary("Subcommands that read and change server settings")
                .subcommand(sub("get", -3, "admin noscript loading stale", "2.0.0",
                        "Returns the settings whose names match the patterns", g).handler(new ConfigGetCommand()))
                .subcommand(sub("set", -4, "admin noscript loading stale", "2.0.0",
                        "Changes one or more settings at runtime", g).handler(new ConfigSetCommand()))
                .subcommand(sub("resetstat", 2, "admin noscript loading stale", "2.0.0",
                        "Zeroes the statistics that INFO reports", g).handler(new ConfigResetStatCommand()))
                .subcommand(sub("rewrite", 2, "admin noscript loading stale", "2.8.0",
                        "Writes the current settings back to the config file", g)
                        .handler(new ConfigRewriteCommand()))
                .subcommand(sub("help", 2, "loading stale", "5.0.0", HELP_SUMMARY, g).handler(new HelpReply(
                        "GET <pattern>",
                        "    Returns the settings whose names match <pattern>, with their values.",
                        "SET <directive> <value>",
                        "    Changes setting <directive> to <value>.",
                        "RESETSTAT",
                        "    Zeroes the counters that INFO reports.",
                        "REWRITE",
                        "    Saves the current settings to the configuration file.")))
                .container();
    }

    private static CommandSpec commandCommand() {
        String g = "server";
        return command("command", -1, "loading stale").group(g).since("2.8.13")
                .summary("Describes every command the server supports")
                .subcommand(sub("count", 2, "loading stale", "2.8.13", "Returns how many commands the server supports", g)
                        .handler(new CommandCountCommand()))
                .subcommand(sub("docs", -2, "loading stale", "7.0.0",
                        "Returns documentation for the named commands, or all of them", g).handler(new CommandDocsCommand()))
                .subcommand(sub("getkeys", -4, "loading stale", "2.8.13",
                        "Lists the key arguments of a complete command line", g).handler(new CommandGetKeysCommand(false)))
                .subcommand(sub("getkeysandflags", -4, "loading stale", "7.0.0",
                        "Lists a command line's key arguments with their access flags", g)
                        .handler(new CommandGetKeysCommand(true)))
                .subcommand(sub("info", -2, "loading stale", "2.8.13",
                        "Describes the named commands, or all of them", g)
                        .handler(new CommandInfoCommand()))
                .subcommand(sub("list", -2, "loading stale", "7.0.0", "Lists command names, optionally filtered", g)
                        .handler(new CommandListCommand()))
                .subcommand(sub("help", 2, "loading stale", "5.0.0", HELP_SUMMARY, g).handler(new HelpReply(
                        "(no subcommand)",
                        "    Describes every command this server knows.",
                        "COUNT",
                        "    Returns how many commands this server knows.",
                        "LIST",
                        "    Returns the names of all commands this server knows.",
                        "INFO [<command-name> ...]",
                        "    Describes the named commands; with no names, describes them all.",
                        "DOCS [<command-name> ...]",
                        "    Returns documentation for the named commands; with no names, for all.",
                        "GETKEYS <full-command>",
                        "    Lists which arguments of <full-command> are keys.",
                        "GETKEYSANDFLAGS <full-command>",
                        "    Like GETKEYS, also giving each key's access flags.")))
                .handler(new CommandCommand());
    }

    private static CommandSpec client() {
        String g = "connection";
        String plain = "noscript loading stale";
        String admin = "admin noscript loading stale";
        return command("client", -2, "").group(g).since("2.4.0")
                .summary("Subcommands that inspect and manage client connections")
                .subcommand(sub("caching", 3, plain, "6.0.0",
                        "Opts the next command in or out of key tracking", g)
                        .handler(new ClientCachingCommand()))
                .subcommand(sub("getname", 2, plain, "2.6.9", "Returns the name given to this connection", g)
                        .handler(new ClientGetNameCommand()))
                .subcommand(sub("getredir", 2, plain, "6.0.0",
                        "Returns the client ID that tracking notifications are sent to", g)
                        .handler(new ClientGetRedirCommand()))
                .subcommand(sub("id", 2, plain, "5.0.0", "Returns this connection's unique ID", g)
                        .handler(new ClientIdCommand()))
                .subcommand(sub("info", 2, plain, "6.2.0",
                        "Describes this connection in CLIENT LIST format", g)
                        .handler(new ClientInfoCommand()))
                .subcommand(sub("kill", -3, admin, "2.4.0", "Closes other client connections by address, ID, type or user", g)
                        .handler(new ClientKillCommand()))
                .subcommand(sub("list", -2, admin, "2.4.0", "Describes the connected clients", g)
                        .handler(new ClientListCommand()))
                .subcommand(sub("no-evict", 3, admin, "7.0.0", "Exempts this connection from client eviction, or not", g)
                        .handler(new ClientNoEvictCommand()))
                .subcommand(sub("pause", -3, admin, "2.9.50", "Holds back client commands, all or just writes, for a while", g)
                        .handler(new ClientPauseCommand()))
                .subcommand(sub("reply", 3, plain, "3.2.0", "Turns this connection's replies on, off, or off for the next command", g)
                        .handler(new ClientReplyCommand()))
                .subcommand(sub("setinfo", 4, plain, "7.2.0", "Records the client library name or version for this connection", g)
                        .handler(new ClientSetInfoCommand()))
                .subcommand(sub("setname", 3, plain, "2.6.9", "Assigns a name to this connection", g)
                        .handler(new ClientSetNameCommand()))
                .subcommand(sub("trackinginfo", 2, plain, "6.2.0",
                        "Reports this connection's client-side caching settings", g)
                        .handler(new ClientTrackingInfoCommand()))
                .subcommand(sub("unblock", -3, admin, "5.0.0",
                        "Wakes a client that is waiting in a blocking command", g)
                        .handler(new ClientUnblockCommand()))
                .subcommand(sub("unpause", 2, admin, "6.2.0", "Lets paused clients run again", g)
                        .handler(new ClientUnpauseCommand()))
                .subcommand(sub("help", 2, "loading stale", "5.0.0", HELP_SUMMARY, g).handler(new HelpReply(
                        "CACHING (YES|NO)",
                        "    In OPTIN/OPTOUT tracking mode, opts the next command in or out.",
                        "GETREDIR",
                        "    Returns the client ID receiving this connection's tracking messages.",
                        "GETNAME",
                        "    Returns the name set on this connection.",
                        "ID",
                        "    Returns this connection's unique ID.",
                        "INFO",
                        "    Describes this connection, in CLIENT LIST format.",
                        "KILL <ip:port>",
                        "    Closes the connection coming from <ip:port>.",
                        "KILL <option> <value> [<option> <value> [...]]",
                        "    Closes every connection that matches all the given filters:",
                        "    * ADDR (<ip:port>|<unixsocket>:0)",
                        "      the client's remote address",
                        "    * LADDR (<ip:port>|<unixsocket>:0)",
                        "      the server-side address the client connected to",
                        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                        "      the kind of connection",
                        "    * USER <username>",
                        "      the user the client logged in as",
                        "    * SKIPME (YES|NO)",
                        "      whether to spare the calling connection (default: yes)",
                        "LIST [options ...]",
                        "    Describes the connected clients. Filter:",
                        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                        "      only clients of this kind",
                        "UNPAUSE",
                        "    Ends a pause, letting clients run again.",
                        "PAUSE <timeout> [WRITE|ALL]",
                        "    Holds back all commands, or only writes, for <timeout> milliseconds.",
                        "SETNAME <name>",
                        "    Names this connection <name>.",
                        "SETINFO <option> <value>",
                        "    Records metadata about the client. Options:",
                        "    * LIB-NAME: name of the client library.",
                        "    * LIB-VER: version of the client library.",
                        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
                        "    Wakes client <clientid> from a blocking command.",
                        "TRACKINGINFO",
                        "    Shows this connection's client-side caching settings.",
                        "NO-EVICT (ON|OFF)",
                        "    Exempts this connection from client eviction, or not.",
                        "REPLY (ON|OFF|SKIP)",
                        "    Turns this connection's replies on or off, or skips the next command's.")))
                .container();
    }

    private static CommandSpec slowlog() {
        String g = "server";
        return command("slowlog", -2, "").group(g).since("2.2.12").summary("Subcommands that read and clear the slow-command log")
                .subcommand(sub("get", -2, "admin loading stale", "2.2.12", "Returns recent slow-command log entries", g)
                        .handler(new SlowlogGetCommand()))
                .subcommand(sub("len", 2, "admin loading stale", "2.2.12", "Counts the entries in the slow-command log", g)
                        .handler(new SlowlogLenCommand()))
                .subcommand(sub("reset", 2, "admin loading stale", "2.2.12", "Empties the slow-command log", g)
                        .handler(new SlowlogResetCommand()))
                .subcommand(sub("help", 2, "loading stale", "6.2.0", HELP_SUMMARY, g).handler(new HelpReply(
                        "GET [<count>]",
                        "    Returns up to <count> of the newest entries (default 10; -1 for all).",
                        "    Each entry holds: id, start time, duration in microseconds, arguments,",
                        "    client address and client name.",
                        "LEN",
                        "    Returns how many entries the log holds.",
                        "RESET",
                        "    Empties the log.")))
                .container();
    }

    private static CommandSpec memory() {
        String g = "server";
        return command("memory", -2, "").group(g).since("4.0.0").summary("Subcommands that report on memory use")
                .subcommand(sub("usage", -3, "readonly", "4.0.0", "Estimates how many bytes a key and its value take", g)
                        .keys(2, 2, 1).handler(new MemoryUsageCommand()))
                .subcommand(sub("malloc-stats", 2, "", "4.0.0", "Returns the memory allocator's own statistics, if any", g)
                        .handler(new MemoryMallocStatsCommand()))
                .subcommand(sub("purge", 2, "", "4.0.0", "Requests that free memory be handed back to the system", g)
                        .handler(new MemoryPurgeCommand()))
                .subcommand(sub("help", 2, "loading stale", "4.0.0", HELP_SUMMARY, g).handler(new HelpReply(
                        "MALLOC-STATS",
                        "    Returns the memory allocator's own statistics report.",
                        "PURGE",
                        "    Asks the allocator to give unused memory back.",
                        "USAGE <key> [SAMPLES <count>]",
                        "    Estimates the bytes used by <key> and its value. For collections, up to",
                        "    <count> elements are sampled (default 5; 0 samples every element).")))
                .container();
    }
}
