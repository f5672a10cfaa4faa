package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

import java.util.List;

/** {@code PUBSUB HELP}: Redis 7.0's help text, one status line per element. */
final class PubSubHelpCommand implements Command {

    private static final List<String> LINES = List.of(
            "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CHANNELS [<pattern>]",
            "    Return the currently active channels matching a <pattern> (default: '*').",
            "NUMPAT",
            "    Return number of subscriptions to patterns.",
            "NUMSUB [<channel> ...]",
            "    Return the number of subscribers for the specified channels, excluding",
            "    pattern subscriptions(default: no channels).",
            "SHARDCHANNELS [<pattern>]",
            "    Return the currently active shard level channels matching a <pattern> (default: '*').",
            "SHARDNUMSUB [<shardchannel> ...]",
            "    Return the number of subscribers for the specified shard level channel(s)",
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
