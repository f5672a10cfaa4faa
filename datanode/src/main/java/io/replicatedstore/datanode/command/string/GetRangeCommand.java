package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.ByteRanges;
import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

import java.util.Arrays;

/** {@code GETRANGE key start end}: inclusive, negative offsets count from the end. */
final class GetRangeCommand implements Command {

    private static final byte[] EMPTY = new byte[0];

    @Override
    public void execute(CommandContext ctx) {
        long start = ctx.argLong(2);
        long end = ctx.argLong(3);
        byte[] value = ctx.db().getString(ctx.arg(1));
        ctx.reply().bulk(value == null ? EMPTY : range(value, start, end));
    }

    static byte[] range(byte[] value, long start, long end) {
        long length = value.length;
        if (start < 0 && end < 0 && start > end) {
            return EMPTY;
        }
        long[] range = ByteRanges.clamp(start, end, length);
        start = range[0];
        end = range[1];
        if (start > end || length == 0) {
            return EMPTY;
        }
        return Arrays.copyOfRange(value, (int) start, (int) end + 1);
    }
}
