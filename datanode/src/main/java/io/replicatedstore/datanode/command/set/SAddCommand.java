package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.SetValue;

/** {@code SADD key member [member ...]}: replies with the number of members added. */
final class SAddCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        SetValue set = ctx.db().getSet(key);
        if (set == null) {
            set = new SetValue();
            ctx.db().put(key, set);
        }
        int added = 0;
        for (int i = 2; i < ctx.argc(); i++) {
            if (set.add(ctx.arg(i))) {
                added++;
            }
        }
        Sets.updateEncoding(ctx, set);
        if (added > 0) {
            ctx.modified(key);
            ctx.keyspaceEvent(KeyspaceEvents.SET, "sadd", key);
            ctx.dirty(added - 1);
        }
        ctx.reply().integer(added);
    }
}
