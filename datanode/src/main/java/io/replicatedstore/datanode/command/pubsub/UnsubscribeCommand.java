package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.PubSub;
import io.replicatedstore.datanode.store.Bytes;

import java.util.List;

/**
 * {@code UNSUBSCRIBE [channel [channel ...]]}: one confirmation per channel, subscribed or not.
 * Without arguments it leaves every channel; with none to leave it still confirms, with a null
 * channel.
 */
final class UnsubscribeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Client client = ctx.client();
        PubSub pubsub = ctx.server().pubsub();
        if (ctx.argc() > 1) {
            for (int i = 1; i < ctx.argc(); i++) {
                pubsub.unsubscribe(client, ctx.arg(i));
                Subscriptions.confirm(client, Subscriptions.UNSUBSCRIBE, ctx.arg(i));
            }
            return;
        }
        List<Bytes> channels = List.copyOf(client.channels());
        if (channels.isEmpty()) {
            Subscriptions.confirm(client, Subscriptions.UNSUBSCRIBE, null);
            return;
        }
        for (Bytes channel : channels) {
            pubsub.unsubscribe(client, channel.bytes());
            Subscriptions.confirm(client, Subscriptions.UNSUBSCRIBE, channel.bytes());
        }
    }
}
