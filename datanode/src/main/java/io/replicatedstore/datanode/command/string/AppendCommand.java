package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.KeyspaceEvents;

/** {@code APPEND key value}: answers the new length. */
final class AppendCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        byte[] suffix = ctx.arg(2);
        byte[] old = ctx.db().getString(key);
        byte[] value;
        if (old == null) {
            value = suffix;
            ctx.db().put(key, value);
        } else {
            StringLimits.check(ctx, old.length, suffix.length);
            value = new byte[old.length + suffix.length];
            System.arraycopy(old, 0, value, 0, old.length);
            System.arraycopy(suffix, 0, value, old.length, suffix.length);
            ctx.db().putKeepTtl(key, StringEncoding.raw(value));
        }
        ctx.modified(key);
        ctx.keyspaceEvent(KeyspaceEvents.STRING, "append", key);
        ctx.reply().integer(value.length);
    }
}
