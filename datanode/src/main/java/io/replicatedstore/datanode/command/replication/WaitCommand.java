package io.replicatedstore.datanode.command.replication;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;

/** {@code WAIT numreplicas timeout}: the number of replicas that acknowledged this client's writes. */
final class WaitCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        long replicas = ctx.argLong(1);
        long timeout = ctx.argLong(2, "ERR timeout is not an integer or out of range");
        if (timeout < 0) {
            throw new RedisException("ERR timeout is negative");
        }
        ctx.replication().waiting().waitFor(ctx.client(), ctx.argv(), replicas, timeout, ctx.inExec());
    }
}
