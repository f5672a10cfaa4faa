package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.SetValue;

/**
 * {@code SMOVE source destination member}: 1 if moved (or already in both when source and
 * destination are the same key), 0 otherwise. A missing source answers 0 before any type check
 * of the destination, as Redis does.
 */
final class SMoveCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] sourceKey = ctx.arg(1);
        byte[] destinationKey = ctx.arg(2);
        byte[] member = ctx.arg(3);
        Object source = ctx.db().get(sourceKey);
        Object destination = ctx.db().get(destinationKey);
        if (source == null) {
            ctx.reply().integer(0);
            return;
        }
        if (!(source instanceof SetValue) || (destination != null && !(destination instanceof SetValue))) {
            throw Errors.wrongType();
        }
        SetValue src = (SetValue) source;
        SetValue dst = (SetValue) destination;
        if (src == dst) {
            ctx.reply().integer(src.contains(member) ? 1 : 0);
            return;
        }
        if (!src.remove(member)) {
            ctx.reply().integer(0);
            return;
        }
        ctx.keyspaceEvent(KeyspaceEvents.SET, "srem", sourceKey);
        if (src.isEmpty()) {
            ctx.db().delete(sourceKey);
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", sourceKey);
        }
        if (dst == null) {
            dst = new SetValue();
            ctx.db().put(destinationKey, dst);
        }
        ctx.modified(sourceKey);
        if (dst.add(member)) {
            Sets.updateEncoding(ctx, dst);
            ctx.modified(destinationKey);
            ctx.keyspaceEvent(KeyspaceEvents.SET, "sadd", destinationKey);
        }
        ctx.reply().integer(1);
    }
}
