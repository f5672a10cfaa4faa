package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.HelpReply;

/** {@code PUBSUB CHANNELS [pattern]}: the channels with at least one subscriber, optionally matching a glob. */
final class PubSubChannelsCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() > 3) {
            throw HelpReply.syntaxError(ctx);
        }
        ctx.reply().bulks(ctx.server().pubsub().channels(ctx.argc() == 3 ? ctx.arg(2) : null));
    }
}
