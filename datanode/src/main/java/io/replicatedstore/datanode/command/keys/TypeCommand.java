package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.ValueType;

/** {@code TYPE key}: string, list, set, zset, hash, or none for a missing key. */
final class TypeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Object value = ctx.db().getNoTouch(ctx.arg(1));
        ctx.reply().simple(value == null ? "none" : ValueType.of(value).typeName());
    }
}
