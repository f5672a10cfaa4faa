package io.replicatedstore.datanode.command.bits;

import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/** Bitmaps and bitfields on string values, with Redis 7.0's arities, flags and key positions. */
public final class BitCommands {

    private BitCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("setbit", 4, "write denyoom").keys(1, 1, 1).group("bitmap").since("2.2.0")
                .summary("Sets or clears one bit of a key's string, growing it as needed").handler(new SetBitCommand()));
        table.add(command("getbit", 3, "readonly fast").keys(1, 1, 1).group("bitmap").since("2.2.0")
                .summary("Returns one bit of a key's string").handler(new GetBitCommand()));
        table.add(command("bitcount", -2, "readonly").keys(1, 1, 1).group("bitmap").since("2.6.0")
                .summary("Counts the set bits of a key's string, optionally in a byte or bit range").handler(new BitCountCommand()));
        table.add(command("bitpos", -3, "readonly").keys(1, 1, 1).group("bitmap").since("2.8.7")
                .summary("Finds the first bit set to 0 or 1 in a key's string").handler(new BitPosCommand()));
        table.add(command("bitop", -4, "write denyoom").keys(2, -1, 1).group("bitmap").since("2.6.0")
                .summary("Stores the AND, OR, XOR or NOT of strings in a key").handler(new BitOpCommand()));
        table.add(command("bitfield", -2, "write denyoom").keys(1, 1, 1).group("bitmap").since("3.2.0")
                .summary("Reads, writes and increments integers of any width at bit offsets of a string").handler(new BitFieldCommand(false)));
        table.add(command("bitfield_ro", -2, "readonly fast").keys(1, 1, 1).group("bitmap").since("6.0.0")
                .summary("Reads integers of any width at bit offsets of a string").handler(new BitFieldCommand(true)));
    }
}
