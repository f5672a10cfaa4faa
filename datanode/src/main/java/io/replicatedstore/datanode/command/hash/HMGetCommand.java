package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.HashValue;

/** {@code HMGET key field [field ...]}: one value or null per field. */
final class HMGetCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        HashValue hash = ctx.db().getHash(ctx.arg(1));
        ctx.reply().array(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) {
            ctx.reply().bulk(hash == null ? null : hash.get(ctx.arg(i)));
        }
    }
}
