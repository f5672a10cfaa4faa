package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.ZSetValue;
import io.replicatedstore.datanode.store.ZSetValue.LexRange;

/** {@code ZLEXCOUNT key min max}: members in the lexicographical interval. */
final class ZLexCountCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        LexRange range = ZSets.parseLexRange(ctx.arg(2), ctx.arg(3));
        ZSetValue zset = ctx.db().getZSet(ctx.arg(1));
        ctx.reply().integer(zset == null ? 0 : ZSets.lexCount(zset, range));
    }
}
