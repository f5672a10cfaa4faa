package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.persist.rdb.RdbFunctionSection;
import io.replicatedstore.datanode.scripting.Functions;

/** {@code FUNCTION DUMP}: the libraries in Redis 7.0's payload format. */
final class FunctionDumpCommand implements Command {

    private final Functions functions;

    FunctionDumpCommand(Functions functions) {
        this.functions = functions;
    }

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().bulk(RdbFunctionSection.dump(functions.codes()));
    }
}
