package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code GET key}. */
final class GetCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().bulk(ctx.db().getString(ctx.arg(1)));
    }
}
