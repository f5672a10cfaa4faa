package io.replicatedstore.datanode.command.hll;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.string.WritableStrings;

/**
 * {@code PFMERGE destkey [sourcekey ...]}: destkey (itself one of the sources) gets the maximum
 * of every register; it turns dense if any source is dense.
 */
final class PfMergeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] max = new byte[HyperLogLog.REGISTERS];
        boolean dense = false;
        for (int i = 1; i < ctx.argc(); i++) {
            byte[] value = Hlls.read(ctx, ctx.arg(i));
            if (value == null) {
                continue;
            }
            HyperLogLog source = new HyperLogLog(value);
            dense |= !source.isSparse();
            if (!source.mergeInto(max)) {
                throw Hlls.corrupt();
            }
        }
        byte[] key = ctx.arg(1);
        byte[] value = Hlls.forWrite(ctx, key);
        if (value == null) {
            value = WritableStrings.own(HyperLogLog.empty());
            ctx.db().put(key, value);
        }
        HyperLogLog hll = new HyperLogLog(value);
        if (dense && !hll.toDense()) {
            throw Hlls.corrupt();
        }
        long maxBytes = ctx.config().hllSparseMaxBytes.get();
        for (int j = 0; j < HyperLogLog.REGISTERS; j++) {
            if (max[j] != 0) {
                hll.set(j, max[j], maxBytes);
            }
        }
        hll.invalidateCache();
        Hlls.store(ctx, key, value, hll);
        ctx.modified(key);
        ctx.reply().ok();
    }
}
