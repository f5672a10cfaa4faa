package io.replicatedstore.datanode.command.bits;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.ByteRanges;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.util.Numbers;

/**
 * {@code BITPOS key bit [start [end [BYTE|BIT]]]}: the first bit set to 0 or 1. Without an end,
 * the string counts as padded with zeros on the right, so a 0 is always found.
 */
final class BitPosCommand implements Command {

    static final String BAD_BIT = "ERR The bit argument must be 1 or 0.";

    @Override
    public void execute(CommandContext ctx) {
        Long parsed = Numbers.parseLong(ctx.arg(2));
        if (parsed == null) {
            throw Errors.notInteger();
        }
        if (parsed != 0 && parsed != 1) {
            throw Errors.error(BAD_BIT);
        }
        int bit = parsed.intValue();
        byte[] value = ctx.db().getString(ctx.arg(1));
        if (value == null) {
            ctx.reply().integer(bit == 1 ? -1 : 0);
            return;
        }
        int argc = ctx.argc();
        if (argc > 6) {
            throw Errors.syntax();
        }
        boolean bits = false;
        boolean endGiven = argc >= 5;
        long start = 0;
        long end = value.length - 1;
        if (argc >= 4) {
            start = ctx.argLong(3);
            if (argc == 6) {
                if (ctx.argIs(5, "bit")) {
                    bits = true;
                } else if (!ctx.argIs(5, "byte")) {
                    throw Errors.syntax();
                }
            }
            long total = bits ? (long) value.length << 3 : value.length;
            end = endGiven ? ctx.argLong(4) : total - 1;
            long[] range = ByteRanges.clamp(start, end, total);
            start = range[0];
            end = range[1];
        }
        if (!bits) {
            start <<= 3;
            end = (end << 3) + 7;
        }
        ctx.reply().integer(find(value, bit, start, end, endGiven));
    }

    /** The first {@code bit} in bits [start, end]; past the end (when no end was given) for a 0. */
    static long find(byte[] value, int bit, long start, long end, boolean endGiven) {
        if (start > end) {
            return -1;
        }
        long at = start;
        // Whole bytes from the first aligned one, bit by bit at the edges.
        while (at <= end && (at & 7) != 0) {
            if (Bitmaps.bit(value, at) == bit) {
                return at;
            }
            at++;
        }
        long wholeBytes = (end + 1 - at) >> 3;
        if (wholeBytes > 0) {
            long found = Bitmaps.position(value, (int) (at >> 3), (int) wholeBytes, bit);
            if (found >= 0 && found < wholeBytes * 8) {
                return at + found;
            }
            at += wholeBytes * 8;
        }
        for (; at <= end; at++) {
            if (Bitmaps.bit(value, at) == bit) {
                return at;
            }
        }
        return bit == 0 && !endGiven ? end + 1 : -1;
    }
}
