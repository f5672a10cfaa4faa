package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code MEMORY MALLOC-STATS}: what Redis answers when not built with jemalloc. */
final class MemoryMallocStatsCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().bulk("Stats not supported for the current allocator");
    }
}
