package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.ZSetValue;

/** {@code ZMSCORE key member [member ...]}: one score or null per member. */
final class ZMScoreCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZSetValue zset = ctx.db().getZSet(ctx.arg(1));
        ctx.reply().array(ctx.argc() - 2);
        for (int j = 2; j < ctx.argc(); j++) {
            Double score = zset == null ? null : zset.score(ctx.arg(j));
            if (score == null) {
                ctx.reply().nullBulk();
            } else {
                ctx.reply().doubleValue(score);
            }
        }
    }
}
