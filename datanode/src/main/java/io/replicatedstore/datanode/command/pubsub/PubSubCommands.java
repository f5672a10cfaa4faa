package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/** Pub/Sub: SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH, PUBSUB. */
public final class PubSubCommands {

    private static final String GROUP = "pubsub";

    private PubSubCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("subscribe", -2, "pubsub noscript loading stale").group(GROUP).since("2.0.0")
                .summary("Listen for messages published to the given channels").handler(new SubscribeCommand()));
        table.add(command("unsubscribe", -1, "pubsub noscript loading stale").group(GROUP).since("2.0.0")
                .summary("Stop listening for messages posted to the given channels").handler(new UnsubscribeCommand()));
        table.add(command("psubscribe", -2, "pubsub noscript loading stale").group(GROUP).since("2.0.0")
                .summary("Listen for messages published to channels matching the given patterns")
                .handler(new PSubscribeCommand()));
        table.add(command("punsubscribe", -1, "pubsub noscript loading stale").group(GROUP).since("2.0.0")
                .summary("Stop listening for messages posted to channels matching the given patterns")
                .handler(new PUnsubscribeCommand()));
        table.add(command("publish", 3, "pubsub loading stale fast").group(GROUP).since("2.0.0")
                .summary("Post a message to a channel").handler(new PublishCommand()));
        table.add(command("pubsub", -2, "").group(GROUP).since("2.8.0")
                .summary("A container for Pub/Sub commands")
                .subcommand(command("channels", -2, "pubsub loading stale").group(GROUP).since("2.8.0")
                        .summary("List active channels").handler(new PubSubChannelsCommand()))
                .subcommand(command("numpat", 2, "pubsub loading stale").group(GROUP).since("2.8.0")
                        .summary("Get the count of unique patterns pattern subscriptions").handler(new PubSubNumPatCommand()))
                .subcommand(command("numsub", -2, "pubsub loading stale").group(GROUP).since("2.8.0")
                        .summary("Get the count of subscribers for channels").handler(new PubSubNumSubCommand()))
                .subcommand(command("shardchannels", -2, "pubsub loading stale").group(GROUP).since("7.0.0")
                        .summary("List active shard channels").handler(new PubSubShardChannelsCommand()))
                .subcommand(command("shardnumsub", -2, "pubsub loading stale").group(GROUP).since("7.0.0")
                        .summary("Get the count of subscribers for shard channels")
                        .handler(new PubSubShardNumSubCommand()))
                .subcommand(command("help", 2, "loading stale").group(GROUP).since("6.2.0")
                        .summary("Show helpful text about the different subcommands").handler(new PubSubHelpCommand()))
                .container());
    }
}
