package io.replicatedstore.datanode.command.transaction;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;

/**
 * {@code MULTI}: starts a transaction; the dispatcher queues the following commands until EXEC
 * or DISCARD. A nested MULTI is an error that does not abort the transaction.
 */
final class MultiCommand implements Command {

    static final String NESTED = "ERR MULTI calls can not be nested";

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.client().inMulti()) {
            throw new RedisException(NESTED);
        }
        ctx.client().startMulti();
        ctx.reply().ok();
    }
}
