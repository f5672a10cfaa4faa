package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code TTL key}: the remaining time to live in seconds (rounded); -1 without one, -2 for a missing key. */
final class TtlCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ExpireSupport.ttl(ctx, false, false);
    }
}
