package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * String values that bit commands (SETBIT, BITFIELD, PFADD...) change in place, as Redis does,
 * so that flipping one bit of a large bitmap costs O(1) rather than a copy of it.
 *
 * <p>Elsewhere a string value is never changed once stored: SET stores the client's argument
 * array, which a command's pending propagation (inside MULTI or a script) or the slow log may
 * still hold. So the first write of a bit command copies the value into an array of its own,
 * remembered here by identity (Redis's dbUnshareStringValue); later writes change that array.
 * An entry goes away with its array, as in {@link StringEncoding}. Snapshots (BGSAVE, full sync)
 * stay consistent because the dispatcher hands them a write command's key before it runs.
 */
public final class WritableStrings {

    /** Synchronized: several nodes may share a JVM in tests, each with its own keyspace thread. */
    private static final Map<byte[], Boolean> OWNED = Collections.synchronizedMap(new WeakHashMap<>());

    /** Java arrays stop a little short of Integer.MAX_VALUE. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private WritableStrings() {
    }

    /**
     * The string at {@code key}, created or zero-padded so that it holds {@code length} bytes, as
     * an array this command may change in place (Redis's lookupStringForBitCommand). Growth is
     * checked against the memory limit before anything is allocated. Null when the key holds
     * another type (WRONGTYPE is thrown instead).
     */
    public static Result forWrite(CommandContext ctx, byte[] key, long length) {
        byte[] old = ctx.db().getString(key);
        int oldLength = old == null ? 0 : old.length;
        if (old != null && oldLength >= length && OWNED.containsKey(old)) {
            return new Result(old, false);
        }
        long size = Math.max(oldLength, length);
        if (size > oldLength) {
            if (size > MAX_ARRAY) {
                throw Errors.error("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
            }
            ctx.server().memory().checkGrowth(ctx.client(), size);
        }
        byte[] value = new byte[(int) size];
        if (old != null) {
            System.arraycopy(old, 0, value, 0, oldLength);
        }
        own(value);
        if (old == null) {
            ctx.db().put(key, value);
        } else {
            ctx.db().putKeepTtl(key, value);
        }
        return new Result(value, old == null || size != oldLength);
    }

    /** Marks a newly made array as this family's, to be changed in place later. */
    public static byte[] own(byte[] value) {
        OWNED.put(value, Boolean.TRUE);
        StringEncoding.markRaw(value);
        return value;
    }

    /** The writable value and whether getting it changed the key (created or grown). */
    public record Result(byte[] value, boolean grew) {
    }
}
