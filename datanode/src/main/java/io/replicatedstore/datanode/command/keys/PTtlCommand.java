package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code PTTL key}: the remaining time to live in milliseconds; -1 without one, -2 for a missing key. */
final class PTtlCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ExpireSupport.ttl(ctx, true, false);
    }
}
