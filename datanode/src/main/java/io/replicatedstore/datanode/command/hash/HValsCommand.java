package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.HashValue;

/** {@code HVALS key}. */
final class HValsCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        HashValue hash = ctx.db().getHash(ctx.arg(1));
        if (hash == null) {
            ctx.reply().array(0);
            return;
        }
        ctx.reply().array(hash.size());
        hash.forEach((field, value) -> ctx.reply().bulk(value));
    }
}
