package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;

import java.io.IOException;

/** {@code SAVE}: writes the RDB file synchronously; every other client waits, as in Redis. */
final class SaveCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        try {
            ctx.persistence().save();
        } catch (IOException e) {
            throw new RedisException("ERR " + e.getMessage());
        }
        ctx.reply().ok();
    }
}
