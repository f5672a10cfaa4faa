package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.HashValue;

/** {@code HGET key field}. */
final class HGetCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        HashValue hash = ctx.db().getHash(ctx.arg(1));
        ctx.reply().bulk(hash == null ? null : hash.get(ctx.arg(2)));
    }
}
