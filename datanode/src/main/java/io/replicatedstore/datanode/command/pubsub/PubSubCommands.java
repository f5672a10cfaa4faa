package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.CommandTable;

/** Pub/Sub. */
public final class PubSubCommands {

    private PubSubCommands() {
    }

    public static void register(CommandTable table) {
    }
}
