package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.CommandSpec;

import java.util.Collection;

/** {@code CONFIG RESETSTAT}: zeroes INFO stats, commandstats and errorstats, as Redis does. */
final class ConfigResetStatCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.server().stats().reset();
        ctx.server().memory().resetStats();
        ctx.server().stats().resetErrorStats();
        ctx.keyspace().resetExpiredKeys();
        ctx.replication().resetStats();
        ctx.server().clientLimits().resetStats();
        reset(ctx.commands().all());
        ctx.reply().ok();
    }

    private static void reset(Collection<CommandSpec> specs) {
        for (CommandSpec spec : specs) {
            spec.calls = 0;
            spec.microseconds = 0;
            spec.rejectedCalls = 0;
            spec.failedCalls = 0;
            reset(spec.subcommands().values());
        }
    }
}
