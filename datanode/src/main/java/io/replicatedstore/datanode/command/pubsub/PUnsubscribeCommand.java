package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.PubSub;
import io.replicatedstore.datanode.store.Bytes;

import java.util.List;

/**
 * {@code PUNSUBSCRIBE [pattern [pattern ...]]}: one confirmation per pattern, subscribed or not.
 * Without arguments it leaves every pattern; with none to leave it still confirms, with a null
 * pattern.
 */
final class PUnsubscribeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Client client = ctx.client();
        PubSub pubsub = ctx.server().pubsub();
        if (ctx.argc() > 1) {
            for (int i = 1; i < ctx.argc(); i++) {
                pubsub.punsubscribe(client, ctx.arg(i));
                Subscriptions.confirm(client, Subscriptions.PUNSUBSCRIBE, ctx.arg(i));
            }
            return;
        }
        List<Bytes> patterns = List.copyOf(client.patterns());
        if (patterns.isEmpty()) {
            Subscriptions.confirm(client, Subscriptions.PUNSUBSCRIBE, null);
            return;
        }
        for (Bytes pattern : patterns) {
            pubsub.punsubscribe(client, pattern.bytes());
            Subscriptions.confirm(client, Subscriptions.PUNSUBSCRIBE, pattern.bytes());
        }
    }
}
