package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.ListValue;

/** {@code LSET key index element}. */
final class LSetCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        ListValue list = ctx.db().getList(key);
        if (list == null) {
            throw new RedisException(Errors.NO_SUCH_KEY);
        }
        int index = ListValue.normalizeIndex(ctx.argLong(2), list.size());
        if (index < 0) {
            throw new RedisException(Errors.OUT_OF_RANGE);
        }
        list.set(index, ctx.arg(3));
        Lists.updateEncoding(ctx, list);
        ctx.modified(key);
        ctx.keyspaceEvent(KeyspaceEvents.LIST, "lset", key);
        ctx.reply().ok();
    }
}
