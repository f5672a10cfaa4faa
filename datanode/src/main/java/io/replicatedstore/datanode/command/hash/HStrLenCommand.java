package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.HashValue;

/** {@code HSTRLEN key field}: the length of the field's value, 0 when absent. */
final class HStrLenCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        HashValue hash = ctx.db().getHash(ctx.arg(1));
        byte[] value = hash == null ? null : hash.get(ctx.arg(2));
        ctx.reply().integer(value == null ? 0 : value.length);
    }
}
