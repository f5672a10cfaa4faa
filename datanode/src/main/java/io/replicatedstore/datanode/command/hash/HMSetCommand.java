package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code HMSET key field value [field value ...]}: HSET that replies OK (deprecated alias). */
final class HMSetCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        HSetCommand.setPairs(ctx);
        ctx.reply().ok();
    }
}
