package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.CommandTable;
import io.replicatedstore.datanode.command.HelpReply;
import io.replicatedstore.datanode.scripting.Functions;
import io.replicatedstore.datanode.scripting.ScriptRunner;
import io.replicatedstore.datanode.scripting.Scripting;
import io.replicatedstore.datanode.server.Server;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/**
 * EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT ({@link Scripting}), FCALL, FCALL_RO and
 * FUNCTION ({@link Functions}): one of each per server, sharing one {@link ScriptRunner}; the
 * server holds the functions for persistence.
 */
public final class ScriptingCommands {

    private static final String GROUP = "scripting";

    private ScriptingCommands() {
    }

    public static void register(CommandTable table, Server server) {
        ScriptRunner runner = new ScriptRunner();
        Scripting scripting = new Scripting(runner);
        Functions functions = new Functions(runner);
        server.functions(functions);
        registerFunctions(table, functions);
        table.add(command("eval", -3, "noscript stale skip_monitor").keys(0, 0, 0).group(GROUP).since("2.6.0")
                .summary("Runs a Lua script on the server").handler(new EvalCommand(scripting, false)));
        table.add(command("eval_ro", -3, "readonly noscript stale skip_monitor").keys(0, 0, 0).group(GROUP).since("7.0.0")
                .summary("Runs a Lua script that may not write").handler(new EvalCommand(scripting, true)));
        table.add(command("evalsha", -3, "noscript stale skip_monitor").keys(0, 0, 0).group(GROUP).since("2.6.0")
                .summary("Runs a cached Lua script, named by its SHA1").handler(new EvalShaCommand(scripting, false)));
        table.add(command("evalsha_ro", -3, "readonly noscript stale skip_monitor").keys(0, 0, 0).group(GROUP)
                .since("7.0.0").summary("Runs a cached Lua script that may not write")
                .handler(new EvalShaCommand(scripting, true)));
        table.add(command("script", -2, "").group(GROUP).since("2.6.0")
                .summary("Manages the Lua script cache")
                .subcommand(command("load", 3, "noscript stale").since("2.6.0")
                        .summary("Compiles a script into the cache and returns its SHA1")
                        .handler(new ScriptLoadCommand(scripting)))
                .subcommand(command("exists", -3, "noscript").since("2.6.0")
                        .summary("Tells whether scripts are in the cache")
                        .handler(new ScriptExistsCommand(scripting)))
                .subcommand(command("flush", -2, "noscript").since("2.6.0")
                        .summary("Empties the script cache")
                        .handler(new ScriptFlushCommand(scripting)))
                .subcommand(command("kill", 2, "noscript allow_busy").since("2.6.0")
                        .summary("Stops the running script if it has not written")
                        .handler(new ScriptKillCommand(scripting)))
                .subcommand(command("help", 2, "loading stale").since("5.0.0")
                        .summary("Lists the subcommands with short explanations")
                        .handler(new HelpReply(
                                "EXISTS <sha1> [<sha1> ...]",
                                "    Return information about the existence of the scripts in the script cache.",
                                "FLUSH [ASYNC|SYNC]",
                                "    Flush the Lua scripts cache. Very dangerous on replicas.",
                                "    When called without the optional mode argument, the behavior is determined by the",
                                "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
                                "    * ASYNC: Asynchronously flush the scripts cache.",
                                "    * SYNC: Synchronously flush the scripts cache.",
                                "KILL",
                                "    Kill the currently executing Lua script.",
                                "LOAD <script>",
                                "    Load a script into the scripts cache without executing it.")))
                .container());
    }

    private static void registerFunctions(CommandTable table, Functions functions) {
        table.add(command("fcall", -3, "noscript stale skip_monitor may_replicate").keys(0, 0, 0).group(GROUP)
                .since("7.0.0").summary("Invokes a function")
                .handler(new FcallCommand(functions, false)));
        table.add(command("fcall_ro", -3, "readonly noscript stale skip_monitor").keys(0, 0, 0).group(GROUP)
                .since("7.0.0").summary("Invokes a read-only function")
                .handler(new FcallCommand(functions, true)));
        table.add(command("function", -2, "").group(GROUP).since("7.0.0")
                .summary("A container for function commands")
                .subcommand(command("load", -3, "write denyoom noscript").since("7.0.0")
                        .summary("Creates a library").handler(new FunctionLoadCommand(functions)))
                .subcommand(command("delete", 3, "write noscript").since("7.0.0")
                        .summary("Deletes a library and its functions").handler(new FunctionDeleteCommand(functions)))
                .subcommand(command("flush", -2, "write noscript").since("7.0.0")
                        .summary("Deletes all libraries and functions").handler(new FunctionFlushCommand(functions)))
                .subcommand(command("dump", 2, "noscript").since("7.0.0")
                        .summary("Dumps all libraries into a serialized binary payload")
                        .handler(new FunctionDumpCommand(functions)))
                .subcommand(command("restore", -3, "write denyoom noscript").since("7.0.0")
                        .summary("Restores all libraries from a payload").handler(new FunctionRestoreCommand(functions)))
                .subcommand(command("list", -2, "noscript").since("7.0.0")
                        .summary("Returns information about all libraries").handler(new FunctionListCommand(functions)))
                .subcommand(command("stats", 2, "noscript allow_busy").since("7.0.0")
                        .summary("Returns information about a function during execution")
                        .handler(new FunctionStatsCommand(functions)))
                .subcommand(command("kill", 2, "noscript allow_busy").since("7.0.0")
                        .summary("Terminates a function during execution").handler(new FunctionKillCommand(functions)))
                .subcommand(command("help", 2, "loading stale").since("7.0.0")
                        .summary("Returns helpful text about the different subcommands")
                        .handler(new HelpReply(
                                "LOAD [REPLACE] <FUNCTION CODE>",
                                "    Loads a library from its code (its shebang names it); REPLACE swaps an existing one.",
                                "DELETE <LIBRARY NAME>",
                                "    Removes a library and its functions.",
                                "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
                                "    Describes the libraries (those whose name matches PATTERN): name, engine and",
                                "    functions with their descriptions and flags; WITHCODE adds each library's code.",
                                "STATS",
                                "    Tells which function runs now (its name, command and duration), and how many",
                                "    libraries and functions each engine holds.",
                                "KILL",
                                "    Stops the running function, if it has not written.",
                                "FLUSH [ASYNC|SYNC]",
                                "    Removes every library.",
                                "DUMP",
                                "    Returns every library as a payload for FUNCTION RESTORE.",
                                "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
                                "    Adds the payload's libraries: APPEND (the default) fails on a name already there,",
                                "    REPLACE replaces such libraries, FLUSH removes all others first.")))
                .container());
    }
}
