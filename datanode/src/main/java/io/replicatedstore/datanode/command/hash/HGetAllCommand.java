package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.HashValue;

/** {@code HGETALL key}: a map in RESP3, a flat field/value array in RESP2. */
final class HGetAllCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        HashValue hash = ctx.db().getHash(ctx.arg(1));
        if (hash == null) {
            ctx.reply().map(0);
            return;
        }
        ctx.reply().map(hash.size());
        hash.forEach((field, value) -> ctx.reply().bulk(field).bulk(value));
    }
}
