package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code PEXPIRE key milliseconds [NX | XX | GT | LT]}: 1 if the time to live was set (or the key deleted), else 0. */
final class PExpireCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ExpireSupport.expire(ctx, true, false, "pexpire");
    }
}
