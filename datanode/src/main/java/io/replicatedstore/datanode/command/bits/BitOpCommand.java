package io.replicatedstore.datanode.command.bits;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.string.WritableStrings;
import io.replicatedstore.datanode.error.Errors;

/**
 * {@code BITOP AND|OR|XOR|NOT destkey key [key ...]}: missing keys and the shorter strings count
 * as zero bytes; the result has the longest source's length, and an empty one deletes destkey.
 */
final class BitOpCommand implements Command {

    static final String NOT_ONE_KEY = "ERR BITOP NOT must be called with a single source key.";

    private enum Op { AND, OR, XOR, NOT }

    @Override
    public void execute(CommandContext ctx) {
        Op op;
        if (ctx.argIs(1, "and")) {
            op = Op.AND;
        } else if (ctx.argIs(1, "or")) {
            op = Op.OR;
        } else if (ctx.argIs(1, "xor")) {
            op = Op.XOR;
        } else if (ctx.argIs(1, "not")) {
            op = Op.NOT;
        } else {
            throw Errors.syntax();
        }
        if (op == Op.NOT && ctx.argc() != 4) {
            throw Errors.error(NOT_ONE_KEY);
        }
        int count = ctx.argc() - 3;
        byte[][] sources = new byte[count][];
        int maxLength = 0;
        for (int i = 0; i < count; i++) {
            sources[i] = ctx.db().getString(ctx.arg(i + 3));
            if (sources[i] != null) {
                maxLength = Math.max(maxLength, sources[i].length);
            }
        }
        byte[] dest = ctx.arg(2);
        if (maxLength == 0) {
            if (ctx.db().delete(dest)) {
                ctx.modified(dest);
            }
            ctx.reply().integer(0);
            return;
        }
        ctx.server().memory().checkGrowth(ctx.client(), maxLength);
        byte[] result = compute(op, sources, maxLength);
        ctx.db().put(dest, WritableStrings.own(result));
        ctx.modified(dest);
        ctx.reply().integer(maxLength);
    }

    private static byte[] compute(Op op, byte[][] sources, int length) {
        byte[] result = new byte[length];
        byte[] first = sources[0];
        if (first != null) {
            System.arraycopy(first, 0, result, 0, first.length);
        }
        if (op == Op.NOT) {
            for (int j = 0; j < length; j++) {
                result[j] = (byte) ~result[j];
            }
            return result;
        }
        for (int i = 1; i < sources.length; i++) {
            byte[] src = sources[i];
            int n = src == null ? 0 : src.length;
            switch (op) {
                case AND -> {
                    for (int j = 0; j < n; j++) {
                        result[j] &= src[j];
                    }
                    java.util.Arrays.fill(result, n, length, (byte) 0);
                }
                case OR -> {
                    for (int j = 0; j < n; j++) {
                        result[j] |= src[j];
                    }
                }
                default -> {
                    for (int j = 0; j < n; j++) {
                        result[j] ^= src[j];
                    }
                }
            }
        }
        return result;
    }
}
