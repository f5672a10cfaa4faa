package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;

import java.nio.charset.StandardCharsets;

/**
 * {@code CLIENT SETNAME connection-name}: names the connection; an empty name removes it. Only
 * printable ASCII without spaces is allowed, so CLIENT LIST stays splittable.
 */
final class ClientSetNameCommand implements Command {

    static final String INVALID = "ERR Client names cannot contain spaces, newlines or special characters.";

    @Override
    public void execute(CommandContext ctx) {
        byte[] name = ctx.arg(2);
        if (!isValidAttribute(name)) {
            throw new RedisException(INVALID);
        }
        ctx.client().name(new String(name, StandardCharsets.US_ASCII));
        ctx.reply().ok();
    }

    /** Redis's validateClientAttr: every byte printable ASCII from '!' to '~'. */
    static boolean isValidAttribute(byte[] value) {
        for (byte b : value) {
            int c = b & 0xff;
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
