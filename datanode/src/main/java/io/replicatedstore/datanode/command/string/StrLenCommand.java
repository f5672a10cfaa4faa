package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code STRLEN key}: 0 for a missing key. */
final class StrLenCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] value = ctx.db().getString(ctx.arg(1));
        ctx.reply().integer(value == null ? 0 : value.length);
    }
}
