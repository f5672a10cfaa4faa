package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;

/** {@code CLIENT TRACKINGINFO}: tracking is off (the node does not support client-side caching). */
final class ClientTrackingInfoCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ctx.reply().map(3);
        ctx.reply().bulk("flags").set(1).bulk("off");
        ctx.reply().bulk("redirect").integer(-1);
        ctx.reply().bulk("prefixes").array(0);
    }
}
