package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code PEXPIRETIME key}: the absolute expiry as a unix time in milliseconds; -1 without one, -2 for a missing key. */
final class PExpireTimeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ExpireSupport.ttl(ctx, true, true);
    }
}
