package io.replicatedstore.datanode.command.hll;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/**
 * {@code PFCOUNT key [key ...]}: the estimated cardinality of one HLL, or of the union of
 * several. For one key a stale cached cardinality is recomputed and written back into the value,
 * which counts as a change (it is propagated, as in Redis).
 */
final class PfCountCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() > 2) {
            byte[] max = new byte[HyperLogLog.REGISTERS];
            for (int i = 1; i < ctx.argc(); i++) {
                byte[] value = Hlls.read(ctx, ctx.arg(i));
                if (value != null && !new HyperLogLog(value).mergeInto(max)) {
                    throw Hlls.corrupt();
                }
            }
            ctx.reply().integer(HyperLogLog.countRaw(max));
            return;
        }
        byte[] key = ctx.arg(1);
        byte[] value = Hlls.read(ctx, key);
        if (value == null) {
            ctx.reply().integer(0);
            return;
        }
        HyperLogLog hll = new HyperLogLog(value);
        if (hll.cacheValid()) {
            ctx.reply().integer(hll.cachedCardinality());
            return;
        }
        long card = hll.count();
        if (card < 0) {
            throw Hlls.corrupt();
        }
        new HyperLogLog(Hlls.forWrite(ctx, key)).cacheCardinality(card);
        ctx.modified(key);
        ctx.reply().integer(card);
    }
}
