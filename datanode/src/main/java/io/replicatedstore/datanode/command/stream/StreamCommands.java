package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.CommandTable;
import io.replicatedstore.datanode.command.HelpReply;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/**
 * Streams: XADD XLEN XRANGE XREVRANGE XDEL XTRIM XREAD XSETID XINFO, and consumer groups (XGROUP,
 * XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM), with Redis 7.0's arity, flags and key positions.
 */
public final class StreamCommands {

    private StreamCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("xadd", -5, "write denyoom fast").keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("Appends a new entry to a stream").handler(new XAddCommand()));
        table.add(command("xlen", 2, "readonly fast").keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("Return the number of entries in a stream").handler(new XLenCommand()));
        table.add(command("xrange", -4, "readonly").keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("Return a range of elements in a stream, with IDs matching the specified IDs interval")
                .handler(new XRangeCommand(false)));
        table.add(command("xrevrange", -4, "readonly").keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("Return a range of elements in a stream, with IDs matching the specified IDs interval, "
                        + "in reverse order (from greater to smaller IDs) compared to XRANGE")
                .handler(new XRangeCommand(true)));
        table.add(command("xdel", -3, "write fast").keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("Removes the specified entries from the stream. Returns the number of items actually deleted, "
                        + "that may be different from the number of IDs passed in case certain IDs do not exist.")
                .handler(new XDelCommand()));
        table.add(command("xtrim", -4, "write").keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("Trims the stream to (approximately if '~' is passed) a certain size").handler(new XTrimCommand()));
        // COMMAND INFO shows 0,0,0 (movablekeys): the keys follow STREAMS.
        table.add(command("xread", -4, "readonly blocking").keys(0, 0, 0).group("stream").since("5.0.0")
                .summary("Return never seen elements in multiple streams, with IDs greater than the ones reported by "
                        + "the caller for each stream. Can block.").handler(new XReadCommand(false)));
        table.add(command("xreadgroup", -7, "write blocking").keys(0, 0, 0).group("stream").since("5.0.0")
                .summary("Return new entries from a stream using a consumer group, or access the history of the pending "
                        + "entries for a given consumer. Can block.").handler(new XReadCommand(true)));
        table.add(command("xack", -4, "write fast").keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("Marks a pending message as correctly processed, effectively removing it from the pending "
                        + "entries list of the consumer group. Return value of the command is the number of messages "
                        + "successfully acknowledged, that is, the IDs we were actually able to resolve in the PEL.")
                .handler(new XAckCommand()));
        table.add(command("xpending", -3, "readonly").keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("Return information and entries from a stream consumer group pending entries list, that are "
                        + "messages fetched but never acknowledged.").handler(new XPendingCommand()));
        table.add(command("xclaim", -6, "write fast").keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("Changes (or acquires) ownership of a message in a consumer group, as if the message was "
                        + "delivered to the specified consumer.").handler(new XClaimCommand()));
        table.add(command("xautoclaim", -6, "write fast").keys(1, 1, 1).group("stream").since("6.2.0")
                .summary("Changes (or acquires) ownership of messages in a consumer group, as if the messages were "
                        + "delivered to the specified consumer.").handler(new XAutoClaimCommand()));
        XGroupCommand xgroup = new XGroupCommand();
        table.add(command("xgroup", -2, "").group("stream").since("5.0.0")
                .summary("A container for consumer groups commands")
                .subcommand(command("create", -5, "write denyoom").keys(2, 2, 1).since("5.0.0")
                        .summary("Create a consumer group.").handler(xgroup))
                .subcommand(command("setid", -5, "write").keys(2, 2, 1).since("5.0.0")
                        .summary("Set a consumer group to an arbitrary last delivered ID value.").handler(xgroup))
                .subcommand(command("destroy", 4, "write").keys(2, 2, 1).since("5.0.0")
                        .summary("Destroy a consumer group.").handler(xgroup))
                .subcommand(command("createconsumer", 5, "write denyoom").keys(2, 2, 1).since("6.2.0")
                        .summary("Create a consumer in a consumer group.").handler(xgroup))
                .subcommand(command("delconsumer", 5, "write").keys(2, 2, 1).since("5.0.0")
                        .summary("Delete a consumer from a consumer group.").handler(xgroup))
                .subcommand(command("help", 2, "loading stale").since("5.0.0")
                        .summary("Show helpful text about the different subcommands").handler(new HelpReply(
                                "CREATE <key> <groupname> <id|$> [MKSTREAM] [ENTRIESREAD <n>]",
                                "    Creates a consumer group starting after <id> ($: the last entry);",
                                "    MKSTREAM creates an empty stream when <key> does not exist.",
                                "CREATECONSUMER <key> <groupname> <consumer>",
                                "    Adds a consumer to the group.",
                                "DELCONSUMER <key> <groupname> <consumer>",
                                "    Removes a consumer and its pending entries.",
                                "DESTROY <key> <groupname>",
                                "    Removes the group.",
                                "SETID <key> <groupname> <id|$> [ENTRIESREAD <n>]",
                                "    Moves the group's last delivered id (and its read counter).")))
                .container());
        table.add(command("xsetid", -3, "write denyoom fast").keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("An internal command for replicating stream values").handler(new XSetIdCommand()));
        table.add(command("xinfo", -2, "").group("stream").since("5.0.0")
                .summary("A container for stream introspection commands")
                .subcommand(command("stream", -3, "readonly").keys(2, 2, 1).since("5.0.0")
                        .summary("Get information about a stream").handler(new XInfoStreamCommand()))
                .subcommand(command("groups", 3, "readonly").keys(2, 2, 1).since("5.0.0")
                        .summary("List the consumer groups of a stream").handler(new XInfoGroupsCommand(false)))
                .subcommand(command("consumers", 4, "readonly").keys(2, 2, 1).since("5.0.0")
                        .summary("List the consumers in a consumer group").handler(new XInfoGroupsCommand(true)))
                .subcommand(command("help", 2, "loading stale").since("5.0.0")
                        .summary("Show helpful text about the different subcommands").handler(new HelpReply(
                                "CONSUMERS <key> <groupname>",
                                "    Lists the consumers of a group.",
                                "GROUPS <key>",
                                "    Lists the consumer groups of a stream.",
                                "STREAM <key> [FULL [COUNT <count>]",
                                "    Describes a stream (FULL: its entries and groups too).")))
                .container());
    }
}
