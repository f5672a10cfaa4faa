package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.ZSetValue;

/** {@code ZREVRANK key member}: the 0-based rank, or null if the member is absent. */
final class ZRevRankCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZSetValue zset = ctx.db().getZSet(ctx.arg(1));
        long rank = zset == null ? -1 : zset.rank(ctx.arg(2), true);
        if (rank < 0) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().integer(rank);
        }
    }
}
