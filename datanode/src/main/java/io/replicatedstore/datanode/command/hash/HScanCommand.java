package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.ScanArgs;
import io.replicatedstore.datanode.store.HashValue;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code HSCAN key cursor [MATCH pattern] [COUNT count]}. A listpack-encoded hash is returned
 * whole in one call with cursor 0, as Redis does. Options are only checked once the key is
 * known to be a hash (Redis answers an empty scan for a missing key whatever follows).
 */
final class HScanCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        long cursor = ScanArgs.cursor(ctx.arg(2));
        HashValue hash = ctx.db().getHash(ctx.arg(1));
        if (hash == null) {
            ScanArgs.replyEmpty(ctx);
            return;
        }
        ScanArgs args = ScanArgs.elementOptions(ctx, 3);
        List<byte[]> items = new ArrayList<>();
        long next = hash.scan(cursor, args.intCount(), (field, value) -> {
            if (args.matches(field)) {
                items.add(field);
                items.add(value);
            }
        });
        ctx.reply().array(2).bulk(Long.toUnsignedString(next));
        ctx.reply().bulks(items);
    }
}
