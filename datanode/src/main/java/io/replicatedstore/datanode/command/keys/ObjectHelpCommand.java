package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

import java.util.List;

/** {@code OBJECT HELP}. */
final class ObjectHelpCommand implements Command {

    private static final List<String> LINES = List.of(
            "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "IDLETIME <key>",
            "    Return the idle time of the <key>, that is the approximated number of",
            "    seconds elapsed since the last access to the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>.",
            "HELP",
            "    Prints this help.");

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().array(LINES.size());
        for (String line : LINES) {
            ctx.reply().simple(line);
        }
    }
}
