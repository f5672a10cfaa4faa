package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/**
 * {@code PUBLISH channel message}: delivers the message to the channel's subscribers and to
 * subscribers of matching patterns; replies with how many received it. The receivers are
 * marked as having pending output, so they get it at the end of this event.
 */
final class PublishCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().integer(ctx.server().pubsub().publish(ctx.arg(1), ctx.arg(2)));
        ctx.forcePropagationToReplicas(); // replicas' subscribers get it too; the AOF does not

    }
}
