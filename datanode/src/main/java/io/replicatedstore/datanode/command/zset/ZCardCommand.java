package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.ZSetValue;

/** {@code ZCARD key}: the number of members, 0 for a missing key. */
final class ZCardCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZSetValue zset = ctx.db().getZSet(ctx.arg(1));
        ctx.reply().integer(zset == null ? 0 : zset.size());
    }
}
