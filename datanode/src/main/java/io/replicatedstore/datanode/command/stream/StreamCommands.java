package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/**
 * Streams: XADD XLEN XRANGE XREVRANGE XDEL XTRIM XREAD XSETID XINFO STREAM, with Redis 7.0's arity, flags
 * and key positions. (Consumer groups are not implemented yet.)
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
                        + "the caller for each stream. Can block.").handler(new XReadCommand()));
        table.add(command("xsetid", -3, "write denyoom fast").keys(1, 1, 1).group("stream").since("5.0.0")
                .summary("An internal command for replicating stream values").handler(new XSetIdCommand()));
        table.add(command("xinfo", -2, "").group("stream").since("5.0.0")
                .summary("A container for stream introspection commands")
                .subcommand(command("stream", -3, "readonly").keys(2, 2, 1).since("5.0.0")
                        .summary("Get information about a stream").handler(new XInfoStreamCommand()))
                .container());
    }
}
