package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.ZSetValue;

/** {@code ZSCORE key member}: the score as a double, or null. */
final class ZScoreCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZSetValue zset = ctx.db().getZSet(ctx.arg(1));
        Double score = zset == null ? null : zset.score(ctx.arg(2));
        if (score == null) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().doubleValue(score);
        }
    }
}
