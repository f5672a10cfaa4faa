package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;

import java.util.Locale;

/** What the PUBSUB subcommands share. */
final class PubSubSubcommands {

    private PubSubSubcommands() {
    }

    /** Redis's addReplySubcommandSyntaxError, e.g. for PUBSUB CHANNELS with two patterns. */
    static RedisException syntaxError(CommandContext ctx) {
        return new RedisException("ERR unknown subcommand or wrong number of arguments for '"
                + truncate(ctx.argString(1)) + "'. Try " + ctx.argString(0).toUpperCase(Locale.ROOT) + " HELP.");
    }

    private static String truncate(String s) {
        return s.length() <= 128 ? s : s.substring(0, 128);
    }
}
