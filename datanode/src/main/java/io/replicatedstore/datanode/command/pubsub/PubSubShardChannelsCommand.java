package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.HelpReply;

/**
 * {@code PUBSUB SHARDCHANNELS [pattern]}: the active shard channels. This node has no sharded
 * pub/sub (SSUBSCRIBE), so there are never any.
 */
final class PubSubShardChannelsCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() > 3) {
            throw HelpReply.syntaxError(ctx);
        }
        ctx.reply().array(0);
    }
}
