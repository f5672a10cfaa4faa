package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.persist.RdbFiles;
import io.replicatedstore.datanode.persist.rdb.DumpPayload;

import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code DUMP key}: the value serialized as Redis 7.0 does (see {@link DumpPayload}), or null. */
final class DumpCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Object value = ctx.db().get(ctx.arg(1));
        if (value == null) {
            ctx.reply().nullBulk();
            return;
        }
        try {
            ctx.reply().bulk(DumpPayload.of(value, RdbFiles.writeOptions(ctx.config(), 0, 0)));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory does not fail", e);
        }
    }
}
