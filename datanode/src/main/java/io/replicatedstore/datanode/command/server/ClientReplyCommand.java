package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.server.Client;

/**
 * {@code CLIENT REPLY ON|OFF|SKIP}: OFF silences the replies of the commands that follow, SKIP
 * only the next one's; ON answers OK and turns replies back on.
 */
final class ClientReplyCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Client client = ctx.client();
        if (ctx.argIs(2, "on")) {
            client.replyMode(Client.ReplyMode.ON);
            ctx.reply().ok();
        } else if (ctx.argIs(2, "off")) {
            client.replyMode(Client.ReplyMode.OFF);
        } else if (ctx.argIs(2, "skip")) {
            if (client.replyMode() != Client.ReplyMode.OFF) {
                client.replyMode(Client.ReplyMode.SKIP_NEXT);
            }
        } else {
            throw Errors.syntax();
        }
    }
}
