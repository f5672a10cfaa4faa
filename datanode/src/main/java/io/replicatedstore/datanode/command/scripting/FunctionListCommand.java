package io.replicatedstore.datanode.command.scripting;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.scripting.Functions;
import io.replicatedstore.datanode.util.GlobMatcher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]}. */
final class FunctionListCommand implements Command {

    private final Functions functions;

    FunctionListCommand(Functions functions) {
        this.functions = functions;
    }

    @Override
    public void execute(CommandContext ctx) {
        boolean withCode = false;
        byte[] pattern = null;
        for (int i = 2; i < ctx.argc(); i++) {
            if (!withCode && ctx.argIs(i, "withcode")) {
                withCode = true;
                continue;
            }
            if (pattern == null && ctx.argIs(i, "libraryname")) {
                if (i >= ctx.argc() - 1) {
                    throw new RedisException("ERR library name argument was not given");
                }
                pattern = ctx.arg(++i);
                continue;
            }
            throw new RedisException("ERR Unknown argument " + ctx.argString(i));
        }
        List<Functions.Library> listed = new ArrayList<>();
        for (Functions.Library library : functions.libraries()) {
            if (pattern == null || GlobMatcher.matches(pattern, library.name().getBytes(StandardCharsets.UTF_8), true)) {
                listed.add(library);
            }
        }
        RespWriter reply = ctx.reply();
        reply.array(listed.size());
        for (Functions.Library library : listed) {
            reply.map(withCode ? 4 : 3);
            reply.bulk("library_name").bulk(library.name());
            reply.bulk("engine").bulk("LUA");
            reply.bulk("functions").array(library.functions().size());
            for (Functions.Function function : library.functions()) {
                reply.map(3);
                reply.bulk("name").bulk(function.name());
                reply.bulk("description");
                if (function.description() == null) {
                    reply.nullBulk();
                } else {
                    reply.bulk(function.description());
                }
                reply.bulk("flags").set(function.flags().size());
                for (var flag : function.flags()) {
                    reply.simple(flag.text());
                }
            }
            if (withCode) {
                reply.bulk("library_code").bulk(library.code());
            }
        }
    }
}
