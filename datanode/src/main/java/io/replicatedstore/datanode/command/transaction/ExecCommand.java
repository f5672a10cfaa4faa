package io.replicatedstore.datanode.command.transaction;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.WatchedKeys;

import java.util.List;

/**
 * {@code EXEC}: runs the queued commands and replies with an array of their replies (an error
 * in one is just that command's reply). Fails with EXECABORT if a command was rejected while
 * queueing, and with a null array if a watched key was changed or has expired since WATCH.
 */
final class ExecCommand implements Command {

    static final String WITHOUT_MULTI = "ERR EXEC without MULTI";
    static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";

    @Override
    public void execute(CommandContext ctx) {
        Client client = ctx.client();
        if (!client.inMulti()) {
            throw new RedisException(WITHOUT_MULTI);
        }
        if (client.multiAborted()) {
            client.endMulti();
            throw new RedisException(EXECABORT);
        }
        if (client.watchedKeyTouched() || watchedKeyExpired(ctx, client)) {
            client.endMulti();
            ctx.reply().nullArray();
            return;
        }
        List<byte[][]> queued = List.copyOf(client.multiQueue());
        ctx.server().watches().unwatchAll(client); // changes made by the transaction itself don't matter
        ctx.reply().array(queued.size());
        // EXEC itself is not propagated: what its commands propagate is, wrapped in MULTI ... EXEC.
        ctx.preventPropagation();
        if (ctx.propagating()) {
            ctx.server().propagation().transaction();
        }
        try {
            for (byte[][] argv : queued) {
                ctx.dispatcher().execQueued(client, argv);
            }
        } finally {
            client.endMulti();
        }
    }

    /** Redis's isWatchedKeyExpired: a watched key whose time to live has passed, deleted yet or not. */
    private static boolean watchedKeyExpired(CommandContext ctx, Client client) {
        for (WatchedKeys.Key key : client.watched()) {
            if (ctx.keyspace().db(key.db()).isExpired(key.key().bytes())) {
                return true;
            }
        }
        return false;
    }
}
