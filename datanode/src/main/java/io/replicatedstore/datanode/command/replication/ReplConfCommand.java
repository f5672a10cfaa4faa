package io.replicatedstore.datanode.command.replication;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;

/**
 * {@code REPLCONF <option> <value> ...}: listening-port, ip-address, capa from a replica in its
 * handshake (+OK), ACK from a replica (no reply), GETACK from our master (answered with an ACK).
 */
final class ReplConfCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() % 2 == 0) {
            throw new RedisException("ERR syntax error");
        }
        if (ctx.replication().replconf(ctx.client(), ctx.argv())) {
            ctx.reply().ok();
        }
    }
}
