package io.replicatedstore.datanode.command.replication;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;

/** {@code PSYNC <replid> <offset> [FAILOVER]}: continue from the backlog, or a full resync. */
final class PsyncCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        long offset = ctx.argLong(2);
        boolean failover = false;
        if (ctx.argc() > 3) {
            if (ctx.argc() == 4 && ctx.argIs(3, "failover")) {
                failover = true;
            } else {
                throw new RedisException("ERR syntax error");
            }
        }
        ctx.replication().sync(ctx.client(), ctx.argString(1), offset, failover);
    }
}
