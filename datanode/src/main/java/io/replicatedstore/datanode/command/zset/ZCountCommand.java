package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.ZSetValue;
import io.replicatedstore.datanode.store.ZSetValue.ScoreRange;

/** {@code ZCOUNT key min max}: members with a score in the interval. */
final class ZCountCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ScoreRange range = ZSets.parseScoreRange(ctx.arg(2), ctx.arg(3));
        ZSetValue zset = ctx.db().getZSet(ctx.arg(1));
        ctx.reply().integer(zset == null ? 0 : zset.count(range));
    }
}
