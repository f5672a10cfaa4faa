package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.ListValue;

import java.util.Arrays;

/** {@code LINSERT key BEFORE|AFTER pivot element}. */
final class LInsertCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        boolean after;
        if (ctx.argIs(2, "after")) {
            after = true;
        } else if (ctx.argIs(2, "before")) {
            after = false;
        } else {
            throw Errors.syntax();
        }
        byte[] key = ctx.arg(1);
        ListValue list = ctx.db().getList(key);
        if (list == null) {
            ctx.reply().integer(0);
            return;
        }
        byte[] pivot = ctx.arg(3);
        int size = list.size();
        for (int i = 0; i < size; i++) {
            if (Arrays.equals(list.get(i), pivot)) {
                list.insert(after ? i + 1 : i, ctx.arg(4));
                Lists.updateEncoding(ctx, list);
                ctx.modified(key);
                ctx.keyspaceEvent(KeyspaceEvents.LIST, "linsert", key);
                ctx.reply().integer(list.size());
                return;
            }
        }
        ctx.reply().integer(-1);
    }
}
