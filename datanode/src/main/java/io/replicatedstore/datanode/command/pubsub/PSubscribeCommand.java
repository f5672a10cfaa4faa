package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code PSUBSCRIBE pattern [pattern ...]}: one confirmation per pattern, already subscribed or not. */
final class PSubscribeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        for (int i = 1; i < ctx.argc(); i++) {
            ctx.server().pubsub().psubscribe(ctx.client(), ctx.arg(i));
            Subscriptions.confirm(ctx.client(), Subscriptions.PSUBSCRIBE, ctx.arg(i));
        }
    }
}
