package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/**
 * {@code PUNSUBSCRIBE [pattern [pattern ...]]}: one confirmation per pattern, subscribed or not.
 * Without arguments it leaves every pattern; with none to leave it still confirms, with a null
 * pattern.
 */
final class PUnsubscribeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Subscriptions.leave(ctx, Subscriptions.PUNSUBSCRIBE, ctx.client().patterns(),
                ctx.server().pubsub()::punsubscribe);
    }
}
