package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.ScanArgs;
import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.ValueType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]}: one step of Redis's
 * reverse-binary cursor scan; answers [next cursor, keys], cursor "0" when done.
 */
final class ScanCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        long cursor = ScanArgs.cursor(ctx.arg(1));
        ScanArgs args = ScanArgs.keyspaceOptions(ctx, 2);
        long count = args.count();

        if (!ctx.inExec() && ctx.propagating()) {
            ctx.server().propagation().touchesArbitraryKeys();
        }
        Database db = ctx.db();
        List<byte[]> found = new ArrayList<>();
        // At most ten buckets per requested key, so a sparse table cannot stall the server.
        long maxIterations = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
        do {
            cursor = db.scan(cursor, (key, value) -> found.add(key));
        } while (cursor != 0 && maxIterations-- > 0 && found.size() < count);

        List<byte[]> keys = new ArrayList<>(found.size());
        for (byte[] key : found) {
            if (!args.matches(key)) {
                continue;
            }
            Object value = db.get(key); // also deletes the key if it has expired
            if (value == null) {
                continue;
            }
            if (!args.typeMatches(ValueType.of(value).typeName())) {
                continue;
            }
            keys.add(key);
        }
        ctx.reply().array(2);
        ctx.reply().bulk(Long.toUnsignedString(cursor).getBytes(StandardCharsets.US_ASCII));
        ctx.reply().bulks(keys);
    }
}
