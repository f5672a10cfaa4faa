package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code SUBSCRIBE channel [channel ...]}: one confirmation per channel, already subscribed or not. */
final class SubscribeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        for (int i = 1; i < ctx.argc(); i++) {
            ctx.server().pubsub().subscribe(ctx.client(), ctx.arg(i));
            Subscriptions.confirm(ctx.client(), Subscriptions.SUBSCRIBE, ctx.arg(i));
        }
    }
}
