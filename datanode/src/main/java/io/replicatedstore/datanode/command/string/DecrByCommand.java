package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;

/** {@code DECRBY key decrement}. */
final class DecrByCommand implements Command {

    static final String DECREMENT_OVERFLOW = "ERR decrement would overflow";

    @Override
    public void execute(CommandContext ctx) {
        long decrement = ctx.argLong(2);
        if (decrement == Long.MIN_VALUE) {
            throw Errors.error(DECREMENT_OVERFLOW);
        }
        IncrSupport.incrBy(ctx, -decrement);
    }
}
