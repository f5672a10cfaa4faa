package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.scripting.Functions;

/** {@code FUNCTION STATS}: the function running now, and the Lua engine's counts. */
final class FunctionStatsCommand implements Command {

    private final Functions functions;

    FunctionStatsCommand(Functions functions) {
        this.functions = functions;
    }

    @Override
    public void execute(CommandContext ctx) {
        Functions.Running running = functions.running();
        RespWriter reply = ctx.reply();
        reply.map(2);
        reply.bulk("running_script");
        if (running == null) {
            reply.nullBulk();
        } else {
            reply.map(3);
            reply.bulk("name").bulk(running.name());
            reply.bulk("command").array(running.command().length);
            for (byte[] arg : running.command()) {
                reply.bulk(arg);
            }
            reply.bulk("duration_ms").integer(running.durationMs());
        }
        reply.bulk("engines").map(1);
        reply.bulk("LUA").map(2);
        reply.bulk("libraries_count").integer(functions.libraries().size());
        reply.bulk("functions_count").integer(functions.functionCount());
    }
}
