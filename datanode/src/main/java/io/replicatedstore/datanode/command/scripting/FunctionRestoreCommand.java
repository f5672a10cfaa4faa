package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.HelpReply;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.persist.rdb.RdbFunctionSection;
import io.replicatedstore.datanode.scripting.Functions;

import java.util.List;

/** {@code FUNCTION RESTORE payload [FLUSH|APPEND|REPLACE]}: all the payload's libraries or none. */
final class FunctionRestoreCommand implements Command {

    private final Functions functions;

    FunctionRestoreCommand(Functions functions) {
        this.functions = functions;
    }

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() > 4) {
            throw HelpReply.syntaxError(ctx);
        }
        Functions.RestorePolicy policy = Functions.RestorePolicy.APPEND;
        if (ctx.argc() == 4) {
            if (ctx.argIs(3, "append")) {
                policy = Functions.RestorePolicy.APPEND;
            } else if (ctx.argIs(3, "replace")) {
                policy = Functions.RestorePolicy.REPLACE;
            } else if (ctx.argIs(3, "flush")) {
                policy = Functions.RestorePolicy.FLUSH;
            } else {
                throw new RedisException("ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.");
            }
        }
        List<byte[]> codes;
        try {
            codes = RdbFunctionSection.restore(ctx.arg(2));
            functions.restore(codes, policy);
        } catch (RdbFunctionSection.BadPayload | Functions.LoadError e) {
            throw new RedisException("ERR " + e.getMessage());
        }
        ctx.dirty(1);
        ctx.reply().ok();
    }
}
