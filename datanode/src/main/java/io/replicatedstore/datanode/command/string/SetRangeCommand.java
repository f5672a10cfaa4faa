package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.server.KeyspaceEvents;

/**
 * {@code SETRANGE key offset value}: overwrites from offset, padding with zero bytes; answers the
 * new length.
 */
final class SetRangeCommand implements Command {

    static final String OFFSET_OUT_OF_RANGE = "ERR offset is out of range";

    @Override
    public void execute(CommandContext ctx) {
        long offset = ctx.argLong(2);
        if (offset < 0) {
            throw Errors.error(OFFSET_OUT_OF_RANGE);
        }
        byte[] key = ctx.arg(1);
        byte[] patch = ctx.arg(3);
        byte[] old = ctx.db().getString(key);
        if (old == null && patch.length == 0) {
            ctx.reply().integer(0);
            return;
        }
        if (old != null && patch.length == 0) {
            ctx.reply().integer(old.length);
            return;
        }
        StringLimits.check(ctx, offset, patch.length);
        int oldLength = old == null ? 0 : old.length;
        byte[] value = new byte[(int) Math.max(oldLength, offset + patch.length)];
        if (old != null) {
            System.arraycopy(old, 0, value, 0, oldLength);
        }
        System.arraycopy(patch, 0, value, (int) offset, patch.length);
        StringEncoding.raw(value);
        if (old == null) {
            ctx.db().put(key, value);
        } else {
            ctx.db().putKeepTtl(key, value);
        }
        ctx.modified(key);
        ctx.keyspaceEvent(KeyspaceEvents.STRING, "setrange", key);
        ctx.reply().integer(value.length);
    }
}
