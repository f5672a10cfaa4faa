package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code MEMORY PURGE}: nothing to purge (the JVM manages its heap); OK. */
final class MemoryPurgeCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().ok();
    }
}
