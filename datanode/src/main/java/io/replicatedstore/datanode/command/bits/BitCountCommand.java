package io.replicatedstore.datanode.command.bits;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.ByteRanges;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;

/** {@code BITCOUNT key [start end [BYTE|BIT]]}: set bits, in a range of bytes or of bits. */
final class BitCountCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] value = ctx.db().getString(ctx.arg(1));
        if (value == null) {
            ctx.reply().integer(0);
            return;
        }
        int argc = ctx.argc();
        if (argc == 2) {
            ctx.reply().integer(Bitmaps.count(value, 0, value.length - 1));
            return;
        }
        if (argc != 4 && argc != 5) {
            throw Errors.syntax();
        }
        long start = ctx.argLong(2);
        long end = ctx.argLong(3);
        if (start < 0 && end < 0 && start > end) {
            ctx.reply().integer(0);
            return;
        }
        boolean bits = false;
        if (argc == 5) {
            if (ctx.argIs(4, "bit")) {
                bits = true;
            } else if (!ctx.argIs(4, "byte")) {
                throw Errors.syntax();
            }
        }
        long[] range = ByteRanges.clamp(start, end, bits ? (long) value.length << 3 : value.length);
        ctx.reply().integer(bits ? countBits(value, range[0], range[1]) : countBytes(value, range[0], range[1]));
    }

    private static long countBytes(byte[] value, long start, long end) {
        return start > end ? 0 : Bitmaps.count(value, (int) start, (int) end);
    }

    static long countBits(byte[] value, long start, long end) {
        if (start > end) {
            return 0;
        }
        int first = (int) (start >> 3);
        int last = (int) (end >> 3);
        long count = Bitmaps.count(value, first, last);
        // Take away the bits of the edge bytes outside the range.
        int before = (0xff << (8 - (int) (start & 7))) & 0xff;
        int after = (1 << (7 - (int) (end & 7))) - 1;
        count -= Integer.bitCount(value[first] & before) + Integer.bitCount(value[last] & after);
        return count;
    }
}
