package io.replicatedstore.datanode.command;

import io.replicatedstore.datanode.error.RedisException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A HELP subcommand's reply, as Redis's addReplyHelp: a header naming the command as it was
 * typed (upper-cased), the given lines, then "HELP" and its description; all simple strings.
 * Also the error that points a wrong subcommand call to HELP.
 */
public final class HelpReply implements Command {

    private final String[] lines;

    public HelpReply(String... lines) {
        this.lines = lines;
    }

    @Override
    public void execute(CommandContext ctx) {
        write(ctx, lines);
    }

    public static void write(CommandContext ctx, String... lines) {
        String command = new String(ctx.arg(0), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
        ctx.reply().array(lines.length + 3);
        ctx.reply().simple(command + " <subcommand> [<arg> [value] [opt] ...]. Available subcommands:");
        for (String line : lines) {
            ctx.reply().simple(line);
        }
        ctx.reply().simple("HELP");
        ctx.reply().simple("    Shows this list.");
    }

    /**
     * Redis's addReplySubcommandSyntaxError, for a subcommand called with arguments it does not
     * take (e.g. PUBSUB CHANNELS with two patterns).
     */
    public static RedisException syntaxError(CommandContext ctx) {
        String command = new String(ctx.arg(0), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
        String sub = new String(ctx.arg(1), StandardCharsets.UTF_8);
        if (sub.length() > 128) {
            sub = sub.substring(0, 128);
        }
        return new RedisException("ERR unknown subcommand or wrong number of arguments for '" + sub
                + "'. Try " + command + " HELP.");
    }
}
