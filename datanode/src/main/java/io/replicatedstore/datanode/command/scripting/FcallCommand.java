package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.scripting.Functions;

/** {@code FCALL function numkeys [key ...] [arg ...]} and {@code FCALL_RO} (no writes allowed). */
final class FcallCommand implements Command {

    private final Functions functions;
    private final boolean readOnly;

    FcallCommand(Functions functions, boolean readOnly) {
        this.functions = functions;
        this.readOnly = readOnly;
    }

    @Override
    public void execute(CommandContext ctx) {
        functions.call(ctx, readOnly);
    }
}
