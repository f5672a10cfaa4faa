package io.replicatedstore.datanode.command.bits;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code GETBIT key offset}: the bit, 0 past the end of the string or for a missing key. */
final class GetBitCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        long offset = BitArgs.offset(ctx, 2, 0);
        byte[] value = ctx.db().getString(ctx.arg(1));
        ctx.reply().integer(value == null ? 0 : Bitmaps.bit(value, offset));
    }
}
