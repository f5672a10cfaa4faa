package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.Verbs;
import io.replicatedstore.datanode.server.KeyspaceEvents;

/** {@code GETDEL key}: answers the value and deletes the key. */
final class GetDelCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] value = ctx.db().getString(ctx.arg(1));
        ctx.reply().bulk(value);
        if (value != null && ctx.db().delete(ctx.arg(1))) {
            ctx.modified(ctx.arg(1));
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", ctx.arg(1));
            ctx.propagateAs(ctx.config().lazyfreeLazyUserDel.get() ? Verbs.UNLINK : Verbs.DEL, ctx.arg(1));
        }
    }
}
