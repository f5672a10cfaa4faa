package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;

/**
 * {@code OBJECT IDLETIME key}: seconds since the key was last accessed, from its LRU clock;
 * not tracked under an LFU policy (Redis's error). Does not count as an access.
 */
final class ObjectIdleTimeCommand implements Command {

    static final String LFU_SELECTED = "ERR An LFU maxmemory policy is selected, idle time not tracked. "
            + "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";

    @Override
    public void execute(CommandContext ctx) {
        byte[] key = ctx.arg(2);
        if (ctx.db().getNoTouch(key) == null) {
            ctx.reply().nullBulk();
            return;
        }
        if (lfuPolicy(ctx)) {
            throw Errors.error(LFU_SELECTED);
        }
        ctx.reply().integer(ctx.db().keyspace().keyClock().idleMillis(ctx.db().clockOf(key)) / 1000);
    }

    static boolean lfuPolicy(CommandContext ctx) {
        return ctx.config().maxmemoryPolicy.get().contains("lfu");
    }
}
