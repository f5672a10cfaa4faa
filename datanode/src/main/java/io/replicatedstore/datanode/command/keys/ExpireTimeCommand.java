package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code EXPIRETIME key}: the absolute expiry as a unix time in seconds; -1 without one, -2 for a missing key. */
final class ExpireTimeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ExpireSupport.ttl(ctx, false, true);
    }
}
