package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;

/**
 * {@code OBJECT FREQ key}: the key's logarithmic access counter after decay, tracked only under
 * an LFU maxmemory policy (Redis's error otherwise). Does not count as an access.
 */
final class ObjectFreqCommand implements Command {

    static final String NOT_LFU = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. "
            + "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";

    @Override
    public void execute(CommandContext ctx) {
        byte[] key = ctx.arg(2);
        if (ctx.db().getNoTouch(key) == null) {
            ctx.reply().nullBulk();
            return;
        }
        if (!ObjectIdleTimeCommand.lfuPolicy(ctx)) {
            throw Errors.error(NOT_LFU);
        }
        ctx.reply().integer(ctx.db().keyspace().keyClock().decayedCounter(ctx.db().clockOf(key)));
    }
}
