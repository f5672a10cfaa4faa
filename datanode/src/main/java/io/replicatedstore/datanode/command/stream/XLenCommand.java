package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.StreamValue;

/** {@code XLEN key}. */
final class XLenCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        StreamValue stream = ctx.db().getStream(ctx.arg(1));
        ctx.reply().integer(stream == null ? 0 : stream.length());
    }
}
