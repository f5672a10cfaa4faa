package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;

/** {@code CLIENT CACHING YES|NO}: only valid in tracking mode, which this node never enables. */
final class ClientCachingCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        throw new RedisException("ERR CLIENT CACHING can be called only when the client is in tracking mode "
                + "with OPTIN or OPTOUT mode enabled");
    }
}
