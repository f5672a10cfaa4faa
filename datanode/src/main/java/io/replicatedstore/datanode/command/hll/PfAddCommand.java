package io.replicatedstore.datanode.command.hll;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.string.WritableStrings;

/** {@code PFADD key [element ...]}: 1 if the key was created or a register changed, else 0. */
final class PfAddCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        byte[] value = Hlls.forWrite(ctx, key);
        int updated = 0;
        if (value == null) {
            value = WritableStrings.own(HyperLogLog.empty());
            ctx.db().put(key, value);
            updated++;
        }
        HyperLogLog hll = new HyperLogLog(value);
        long maxBytes = ctx.config().hllSparseMaxBytes.get();
        for (int i = 2; i < ctx.argc(); i++) {
            int result = hll.add(ctx.arg(i), maxBytes);
            if (result < 0) {
                Hlls.store(ctx, key, value, hll);
                throw Hlls.corrupt();
            }
            updated += result;
        }
        if (updated > 0) {
            hll.invalidateCache();
            Hlls.store(ctx, key, value, hll);
            ctx.modified(key);
            ctx.dirty(updated - 1);
        }
        ctx.reply().integer(updated > 0 ? 1 : 0);
    }
}
