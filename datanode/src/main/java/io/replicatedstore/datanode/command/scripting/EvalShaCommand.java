package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.scripting.Scripting;

/** {@code EVALSHA sha1 numkeys [key ...] [arg ...]} and {@code EVALSHA_RO}: a cached script by its SHA1. */
final class EvalShaCommand implements Command {

    static final String NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";

    private final Scripting scripting;
    private final boolean readOnly;

    EvalShaCommand(Scripting scripting, boolean readOnly) {
        this.scripting = scripting;
        this.readOnly = readOnly;
    }

    @Override
    public void execute(CommandContext ctx) {
        Scripting.Script script = ctx.arg(1).length == 40 ? scripting.lookup(ctx.argString(1)) : null;
        if (script == null) {
            throw new RedisException(NOSCRIPT);
        }
        scripting.run(ctx, script, readOnly);
    }
}
