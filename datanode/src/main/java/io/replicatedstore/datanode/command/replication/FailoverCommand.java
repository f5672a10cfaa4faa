package io.replicatedstore.datanode.command.replication;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.replication.Failover;

/** {@code FAILOVER [TO host port [FORCE]] [ABORT] [TIMEOUT ms]}: a coordinated switchover. */
final class FailoverCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        String host = null;
        int port = 0;
        long timeout = 0;
        boolean timeoutGiven = false;
        boolean force = false;
        boolean abort = false;
        for (int i = 1; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "to") && host == null && i + 2 < ctx.argc()) {
                host = ctx.argString(i + 1);
                long p = ctx.argLong(i + 2);
                if (p < 0 || p > 65535) {
                    throw new RedisException("ERR Invalid port");
                }
                port = (int) p;
                i += 2;
            } else if (ctx.argIs(i, "timeout") && !timeoutGiven && i + 1 < ctx.argc()) {
                timeout = ctx.argLong(i + 1);
                timeoutGiven = true;
                if (timeout <= 0) {
                    throw new RedisException("ERR FAILOVER timeout must be greater than 0");
                }
                i++;
            } else if (ctx.argIs(i, "force") && !force) {
                force = true;
            } else if (ctx.argIs(i, "abort") && !abort) {
                abort = true;
            } else {
                throw new RedisException(Errors.SYNTAX);
            }
        }
        Failover failover = ctx.replication().failover();
        if (abort) {
            if (host != null || force || timeoutGiven) {
                throw new RedisException("ERR FAILOVER ABORT can't be combined with other options");
            }
            failover.abort();
            ctx.reply().ok();
            return;
        }
        if (force && (!timeoutGiven || host == null)) {
            throw new RedisException("ERR FAILOVER with force option requires both a timeout and target HOST and IP.");
        }
        failover.start(host, port, force, timeout);
        ctx.reply().ok();
    }
}
