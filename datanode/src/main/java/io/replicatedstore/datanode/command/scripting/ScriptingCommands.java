package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.CommandTable;
import io.replicatedstore.datanode.command.HelpReply;
import io.replicatedstore.datanode.scripting.Scripting;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/** EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT, sharing one {@link Scripting} per command table (per server). */
public final class ScriptingCommands {

    private static final String GROUP = "scripting";

    private ScriptingCommands() {
    }

    public static void register(CommandTable table) {
        Scripting scripting = new Scripting();
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
}
