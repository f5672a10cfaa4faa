package io.replicatedstore.datanode.command.hll;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.string.WritableStrings;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;

/** Looking up HyperLogLog keys, with Redis's errors for strings that are not one. */
final class Hlls {

    static final String NOT_AN_HLL = "WRONGTYPE Key is not a valid HyperLogLog string value.";
    static final String CORRUPT = "INVALIDOBJ Corrupted HLL object detected";

    private Hlls() {
    }

    /** The HLL string at a key, checked; null when the key is missing. WRONGTYPE for other values. */
    static byte[] read(CommandContext ctx, byte[] key) {
        byte[] value = ctx.db().getString(key);
        if (value != null && !HyperLogLog.isValid(value)) {
            throw Errors.error(NOT_AN_HLL);
        }
        return value;
    }

    /** The HLL at a key as an array this command may change in place; null when missing. */
    static byte[] forWrite(CommandContext ctx, byte[] key) {
        if (read(ctx, key) == null) {
            return null;
        }
        return WritableStrings.forWrite(ctx, key, 0).value();
    }

    /** Stores what an HLL change left when it replaced the array (a sparse resize, a promotion). */
    static void store(CommandContext ctx, byte[] key, byte[] before, HyperLogLog hll) {
        byte[] after = hll.bytes();
        if (after != before) {
            ctx.db().putKeepTtl(key, WritableStrings.own(after));
        }
    }

    static RedisException corrupt() {
        return Errors.error(CORRUPT);
    }
}
