package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code RANDOMKEY}: a random live key, or null when the database is empty. */
final class RandomKeyCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        if (!ctx.inExec() && ctx.propagating()) {
            ctx.server().propagation().touchesArbitraryKeys();
        }
        ctx.reply().bulk(ctx.db().randomKey());
    }
}
