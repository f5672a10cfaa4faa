package io.replicatedstore.datanode.command.bits;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.command.string.WritableStrings;
import io.replicatedstore.datanode.util.Numbers;

/** {@code SETBIT key offset value}: sets or clears one bit, growing the string; answers the old bit. */
final class SetBitCommand implements Command {

    static final String BAD_BIT = "ERR bit is not an integer or out of range";

    @Override
    public void execute(CommandContext ctx) {
        long offset = BitArgs.offset(ctx, 2, 0);
        Long on = Numbers.parseLong(ctx.arg(3));
        if (on == null || (on & ~1L) != 0) {
            throw Errors.error(BAD_BIT);
        }
        byte[] key = ctx.arg(1);
        WritableStrings.Result target = WritableStrings.forWrite(ctx, key, (offset >> 3) + 1);
        byte[] value = target.value();
        int old = Bitmaps.bit(value, offset);
        if (target.grew() || old != on) {
            Bitmaps.set(value, offset, 1, on);
            ctx.modified(key);
        }
        ctx.reply().integer(old);
    }
}
