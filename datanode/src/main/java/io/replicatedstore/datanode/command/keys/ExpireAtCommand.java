package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code EXPIREAT key unix-time-seconds [NX | XX | GT | LT]}: 1 if the time to live was set (or the key deleted), else 0. */
final class ExpireAtCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ExpireSupport.expire(ctx, false, true, "expireat");
    }
}
