package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.CommandTable;
import io.replicatedstore.datanode.command.HelpReply;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/** Pub/Sub: SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH, PUBSUB. */
public final class PubSubCommands {

    private static final String GROUP = "pubsub";

    private PubSubCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("subscribe", -2, "pubsub noscript loading stale").group(GROUP).since("2.0.0")
                .summary("Starts receiving messages sent to the named channels").handler(new SubscribeCommand()));
        table.add(command("unsubscribe", -1, "pubsub noscript loading stale").group(GROUP).since("2.0.0")
                .summary("Stops receiving messages from the named channels, or from all").handler(new UnsubscribeCommand()));
        table.add(command("psubscribe", -2, "pubsub noscript loading stale").group(GROUP).since("2.0.0")
                .summary("Starts receiving messages from channels matching glob patterns")
                .handler(new PSubscribeCommand()));
        table.add(command("punsubscribe", -1, "pubsub noscript loading stale").group(GROUP).since("2.0.0")
                .summary("Stops receiving messages for the given channel patterns, or all")
                .handler(new PUnsubscribeCommand()));
        table.add(command("publish", 3, "pubsub loading stale fast").group(GROUP).since("2.0.0")
                .summary("Sends a message to a channel's subscribers").handler(new PublishCommand()));
        table.add(command("pubsub", -2, "").group(GROUP).since("2.8.0")
                .summary("Subcommands that report on Pub/Sub channels and subscribers")
                .subcommand(command("channels", -2, "pubsub loading stale").group(GROUP).since("2.8.0")
                        .summary("Lists channels that have subscribers").handler(new PubSubChannelsCommand()))
                .subcommand(command("numpat", 2, "pubsub loading stale").group(GROUP).since("2.8.0")
                        .summary("Counts the distinct patterns clients are subscribed to").handler(new PubSubNumPatCommand()))
                .subcommand(command("numsub", -2, "pubsub loading stale").group(GROUP).since("2.8.0")
                        .summary("Reports how many clients subscribe to each given channel").handler(new PubSubNumSubCommand()))
                .subcommand(command("shardchannels", -2, "pubsub loading stale").group(GROUP).since("7.0.0")
                        .summary("Lists shard channels that have subscribers").handler(new PubSubShardChannelsCommand()))
                .subcommand(command("shardnumsub", -2, "pubsub loading stale").group(GROUP).since("7.0.0")
                        .summary("Reports how many clients subscribe to each given shard channel")
                        .handler(new PubSubShardNumSubCommand()))
                .subcommand(command("help", 2, "loading stale").group(GROUP).since("6.2.0")
                        .summary("Lists the subcommands with short explanations").handler(new HelpReply(
                                "CHANNELS [<pattern>]",
                                "    Lists channels with subscribers, optionally only those matching <pattern>.",
                                "NUMPAT",
                                "    Counts the patterns that clients are subscribed to.",
                                "NUMSUB [<channel> ...]",
                                "    Gives each listed channel's number of direct (non-pattern) subscribers.",
                                "SHARDCHANNELS [<pattern>]",
                                "    Lists shard channels with subscribers, optionally matching <pattern>.",
                                "SHARDNUMSUB [<shardchannel> ...]",
                                "    Gives each listed shard channel's number of subscribers.")))
                .container());
    }
}
