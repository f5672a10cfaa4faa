package io.replicatedstore.datanode.command.hll;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;

/**
 * {@code PFDEBUG GETREG|DECODE|ENCODING|TODENSE key}: the registers, the sparse opcodes, the
 * encoding, or a conversion to dense (GETREG converts too). A conversion counts as a change.
 */
final class PfDebugCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] key = ctx.arg(2);
        byte[] value = Hlls.forWrite(ctx, key);
        if (value == null) {
            throw Errors.error("ERR The specified key does not exist");
        }
        HyperLogLog hll = new HyperLogLog(value);
        if (ctx.argIs(1, "getreg")) {
            toDense(ctx, key, value, hll);
            ctx.reply().array(HyperLogLog.REGISTERS);
            for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
                ctx.reply().integer(hll.register(i));
            }
        } else if (ctx.argIs(1, "decode")) {
            if (!hll.isSparse()) {
                throw Errors.error("ERR HLL encoding is not sparse");
            }
            ctx.reply().bulk(hll.decode());
        } else if (ctx.argIs(1, "encoding")) {
            ctx.reply().simple(hll.isSparse() ? "sparse" : "dense");
        } else if (ctx.argIs(1, "todense")) {
            ctx.reply().integer(toDense(ctx, key, value, hll) ? 1 : 0);
        } else {
            throw Errors.error("ERR Unknown PFDEBUG subcommand '" + ctx.argString(1) + "'");
        }
    }

    private static boolean toDense(CommandContext ctx, byte[] key, byte[] value, HyperLogLog hll) {
        if (!hll.isSparse()) {
            return false;
        }
        if (!hll.toDense()) {
            throw Hlls.corrupt();
        }
        Hlls.store(ctx, key, value, hll);
        ctx.dirty(1);
        return true;
    }
}
