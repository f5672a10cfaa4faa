package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.HashValue;

/** Shared steps of the hash commands: converting the encoding after a change. */
final class Hashes {

    private Hashes() {
    }

    /** Applies hash-max-listpack-entries / hash-max-listpack-value after a mutation. */
    static void updateEncoding(CommandContext ctx, HashValue hash) {
        hash.updateEncoding(clamp(ctx.config().hashMaxListpackEntries.get()),
                clamp(ctx.config().hashMaxListpackValue.get()));
    }

    private static int clamp(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }
}
