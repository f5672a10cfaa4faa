package io.replicatedstore.datanode.command.transaction;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;

/**
 * {@code WATCH key [key ...]}: the next EXEC fails if any of these keys changes before it.
 *
 * <p>A key that has already expired but is still stored is deleted first (lazy expiry), so its
 * later removal by the expiry cycle does not count as a change, as in Redis, which remembers
 * that such a key was watched while already expired. A watched key that expires after WATCH
 * makes EXEC fail, whether or not it has been deleted yet.
 */
final class WatchCommand implements Command {

    static final String INSIDE_MULTI = "ERR WATCH inside MULTI is not allowed";

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.client().inMulti()) {
            throw new RedisException(INSIDE_MULTI);
        }
        for (int i = 1; i < ctx.argc(); i++) {
            ctx.db().get(ctx.arg(i)); // lazily expires an already expired key before watching it
            ctx.server().watches().watch(ctx.client(), ctx.db(), ctx.arg(i));
        }
        ctx.reply().ok();
    }
}
