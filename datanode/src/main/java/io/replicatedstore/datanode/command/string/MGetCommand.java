package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code MGET key [key ...]}: values that are missing or not strings come back as nulls. */
final class MGetCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().array(ctx.argc() - 1);
        for (int i = 1; i < ctx.argc(); i++) {
            Object value = ctx.db().get(ctx.arg(i));
            if (value instanceof byte[] bytes) {
                ctx.reply().bulk(bytes);
            } else {
                ctx.reply().nullBulk();
            }
        }
    }
}
