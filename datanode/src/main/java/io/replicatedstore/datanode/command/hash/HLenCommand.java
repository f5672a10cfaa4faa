package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.HashValue;

/** {@code HLEN key}. */
final class HLenCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        HashValue hash = ctx.db().getHash(ctx.arg(1));
        ctx.reply().integer(hash == null ? 0 : hash.size());
    }
}
