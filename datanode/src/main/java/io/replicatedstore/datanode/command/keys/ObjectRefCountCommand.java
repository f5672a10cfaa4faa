package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.string.StringEncoding;

/**
 * {@code OBJECT REFCOUNT key}: 1, except for the small integers Redis shares between keys,
 * which report INT_MAX as Redis's OBJ_SHARED_REFCOUNT.
 */
final class ObjectRefCountCommand implements Command {

    private static final long SHARED_REFCOUNT = Integer.MAX_VALUE;

    @Override
    public void execute(CommandContext ctx) {
        Object value = ctx.db().getNoTouch(ctx.arg(2));
        if (value == null) {
            ctx.reply().nullBulk();
            return;
        }
        boolean shared = value instanceof byte[] bytes && StringEncoding.isSharedInteger(bytes);
        ctx.reply().integer(shared ? SHARED_REFCOUNT : 1);
    }
}
