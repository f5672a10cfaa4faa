package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;

/** {@code SINTERCARD numkeys key [key ...] [LIMIT limit]}: the intersection's cardinality. */
final class SInterCardCommand implements Command {

    static final String NUMKEYS = "ERR numkeys should be greater than 0";
    static final String TOO_MANY_KEYS = "ERR Number of keys can't be greater than number of args";
    static final String NEGATIVE_LIMIT = "ERR LIMIT can't be negative";

    @Override
    public void execute(CommandContext ctx) {
        long numKeys = ctx.argLong(1, NUMKEYS);
        if (numKeys < 1) {
            throw new RedisException(NUMKEYS);
        }
        if (numKeys > ctx.argc() - 2) {
            throw new RedisException(TOO_MANY_KEYS);
        }
        int keysEnd = 2 + (int) numKeys;
        long limit = 0;
        for (int i = keysEnd; i < ctx.argc(); i++) {
            boolean moreArgs = ctx.argc() - 1 - i > 0;
            if (ctx.argIs(i, "limit") && moreArgs) {
                i++;
                limit = ctx.argLong(i, NEGATIVE_LIMIT);
                if (limit < 0) {
                    throw new RedisException(NEGATIVE_LIMIT);
                }
            } else {
                throw Errors.syntax();
            }
        }
        ctx.reply().integer(Sets.intersect(Sets.lookup(ctx, 2, keysEnd), limit).size());
    }
}
