package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.HashValue;

/** {@code HEXISTS key field}: 1 or 0. */
final class HExistsCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        HashValue hash = ctx.db().getHash(ctx.arg(1));
        ctx.reply().integer(hash != null && hash.contains(ctx.arg(2)) ? 1 : 0);
    }
}
