package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code PUBSUB NUMPAT}: how many distinct patterns have subscribers. */
final class PubSubNumPatCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().integer(ctx.server().pubsub().patternCount());
    }
}
