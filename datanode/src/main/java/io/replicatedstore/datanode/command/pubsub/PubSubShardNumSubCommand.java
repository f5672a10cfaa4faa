package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.resp.RespWriter;

/**
 * {@code PUBSUB SHARDNUMSUB [shardchannel ...]}: each shard channel with its subscriber count.
 * This node has no sharded pub/sub (SSUBSCRIBE), so every count is 0.
 */
final class PubSubShardNumSubCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        RespWriter out = ctx.reply();
        out.array((ctx.argc() - 2) * 2);
        for (int i = 2; i < ctx.argc(); i++) {
            out.bulk(ctx.arg(i)).integer(0);
        }
    }
}
