package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.ScanArgs;
import io.replicatedstore.datanode.store.SetValue;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SSCAN key cursor [MATCH pattern] [COUNT count]}. An intset-encoded set is returned
 * whole in one call with cursor 0, as Redis does. Options are only checked once the key is
 * known to be a set.
 */
final class SScanCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        long cursor = ScanArgs.cursor(ctx.arg(2));
        SetValue set = ctx.db().getSet(ctx.arg(1));
        if (set == null) {
            ScanArgs.replyEmpty(ctx);
            return;
        }
        ScanArgs args = ScanArgs.elementOptions(ctx, 3);
        List<byte[]> items = new ArrayList<>();
        long next = set.scan(cursor, args.intCount(), member -> {
            if (args.matches(member)) {
                items.add(member);
            }
        });
        ctx.reply().array(2).bulk(Long.toUnsignedString(next));
        ctx.reply().bulks(items);
    }
}
