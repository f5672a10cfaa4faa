package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code EXISTS key [key ...]}: how many of the keys exist, a key named twice counting twice. */
final class ExistsCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        long count = 0;
        for (int i = 1; i < ctx.argc(); i++) {
            if (ctx.db().exists(ctx.arg(i))) {
                count++;
            }
        }
        ctx.reply().integer(count);
    }
}
