package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;

/**
 * {@code OBJECT FREQ key}: only meaningful under an LFU maxmemory policy, which this node does
 * not offer; answers Redis's error otherwise (and 0 under LFU, as access is not counted).
 */
final class ObjectFreqCommand implements Command {

    static final String NOT_LFU = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. "
            + "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.db().get(ctx.arg(2)) == null) {
            ctx.reply().nullBulk();
            return;
        }
        if (!ObjectIdleTimeCommand.lfuPolicy(ctx)) {
            throw Errors.error(NOT_LFU);
        }
        ctx.reply().integer(0);
    }
}
