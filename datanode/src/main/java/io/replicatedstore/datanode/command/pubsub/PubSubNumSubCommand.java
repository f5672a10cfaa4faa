package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.resp.RespWriter;

/**
 * {@code PUBSUB NUMSUB [channel ...]}: each channel followed by its subscriber count (pattern
 * subscribers not counted), as a flat array even in RESP3, as Redis 7.0 answers.
 */
final class PubSubNumSubCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        RespWriter out = ctx.reply();
        out.array((ctx.argc() - 2) * 2);
        for (int i = 2; i < ctx.argc(); i++) {
            out.bulk(ctx.arg(i)).integer(ctx.server().pubsub().subscribers(ctx.arg(i)));
        }
    }
}
