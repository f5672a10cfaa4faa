package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code TOUCH key [key ...]}: how many of the keys exist; each lookup updates the key's LRU/LFU clock. */
final class TouchCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        long count = 0;
        for (int i = 1; i < ctx.argc(); i++) {
            if (ctx.db().get(ctx.arg(i)) != null) {
                count++;
            }
        }
        ctx.reply().integer(count);
    }
}
