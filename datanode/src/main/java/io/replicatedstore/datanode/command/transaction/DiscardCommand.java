package io.replicatedstore.datanode.command.transaction;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;

/** {@code DISCARD}: drops the queued commands, leaves MULTI and forgets the watched keys. */
final class DiscardCommand implements Command {

    static final String WITHOUT_MULTI = "ERR DISCARD without MULTI";

    @Override
    public void execute(CommandContext ctx) {
        if (!ctx.client().inMulti()) {
            throw new RedisException(WITHOUT_MULTI);
        }
        ctx.client().endMulti();
        ctx.reply().ok();
    }
}
