package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;

/**
 * {@code SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]}: stops the node; the caller gets no reply,
 * its connection closes. The dataset is saved first when save rules exist or with SAVE (not with
 * NOSAVE); if that save fails the shutdown is aborted unless FORCE. NOW only passes validation
 * (there are no replicas to wait for), and no shutdown can be in progress for ABORT to cancel.
 */
final class ShutdownCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        boolean save = false;
        boolean noSave = false;
        boolean flags = false;
        boolean abort = false;
        boolean force = false;
        for (int i = 1; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "nosave")) {
                noSave = true;
                flags = true;
            } else if (ctx.argIs(i, "save")) {
                save = true;
                flags = true;
            } else if (ctx.argIs(i, "force")) {
                force = true;
                flags = true;
            } else if (ctx.argIs(i, "now")) {
                flags = true;
            } else if (ctx.argIs(i, "abort")) {
                abort = true;
            } else {
                throw Errors.syntax();
            }
        }
        if ((abort && flags) || (save && noSave)) {
            throw Errors.syntax();
        }
        if (abort) {
            throw new RedisException("ERR No shutdown in progress.");
        }
        if (!ctx.persistence().prepareForShutdown(save, noSave) && !force) {
            throw new RedisException("ERR Errors trying to SHUTDOWN. Check logs.");
        }
        ctx.server().shutdown();
    }
}
