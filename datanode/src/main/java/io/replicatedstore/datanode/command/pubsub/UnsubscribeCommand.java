package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/**
 * {@code UNSUBSCRIBE [channel [channel ...]]}: one confirmation per channel, subscribed or not.
 * Without arguments it leaves every channel; with none to leave it still confirms, with a null
 * channel.
 */
final class UnsubscribeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Subscriptions.leave(ctx, Subscriptions.UNSUBSCRIBE, ctx.client().channels(),
                ctx.server().pubsub()::unsubscribe);
    }
}
