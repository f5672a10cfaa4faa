package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;

/** Redis's checkStringLength: strings may not grow beyond proto-max-bulk-len. */
final class StringLimits {

    static final String TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";

    /** Java arrays stop a little short of Integer.MAX_VALUE. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private StringLimits() {
    }

    static void check(CommandContext ctx, long size, long append) {
        long total = size + append;
        if (total < 0 || total > ctx.config().protoMaxBulkLen.get() || total > MAX_ARRAY) {
            throw Errors.error(TOO_LONG);
        }
        // Refused before the new array is allocated when it would take memory past the limit.
        ctx.server().memory().checkGrowth(ctx.client(), total);
    }
}
