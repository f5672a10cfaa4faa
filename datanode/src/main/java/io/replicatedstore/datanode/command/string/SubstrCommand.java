package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code SUBSTR key start end}: the old name of GETRANGE. */
final class SubstrCommand implements Command {

    private final GetRangeCommand getRange = new GetRangeCommand();

    @Override
    public void execute(CommandContext ctx) {
        getRange.execute(ctx);
    }
}
