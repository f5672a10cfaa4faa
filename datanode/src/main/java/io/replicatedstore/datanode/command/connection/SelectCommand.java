package io.replicatedstore.datanode.command.connection;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;

/** {@code SELECT index}: changes the connection's database. */
final class SelectCommand implements Command {

    static final String INT_RANGE = "ERR value is out of range, value must between "
            + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;

    @Override
    public void execute(CommandContext ctx) {
        long index = ctx.argLong(1);
        if (index < Integer.MIN_VALUE || index > Integer.MAX_VALUE) {
            throw new RedisException(INT_RANGE); // Redis's getIntFromObjectOrReply
        }
        if (index < 0 || index >= ctx.keyspace().count()) {
            throw new RedisException(Errors.DB_INDEX_OUT_OF_RANGE);
        }
        ctx.client().select((int) index);
        ctx.reply().ok();
    }
}
