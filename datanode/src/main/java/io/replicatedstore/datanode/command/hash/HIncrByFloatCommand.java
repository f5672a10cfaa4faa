package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.Verbs;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.HashValue;
import io.replicatedstore.datanode.util.LongDouble;

import java.nio.charset.StandardCharsets;

/**
 * {@code HINCRBYFLOAT key field increment}: replies with the new value as a bulk string. The
 * sum is computed in (emulated) 80-bit long double and printed with "%.17Lf" minus trailing
 * zeros, exactly as Redis on x86-64 does. A stored infinity fails at the sum, as in Redis.
 */
final class HIncrByFloatCommand implements Command {

    static final String HASH_NOT_FLOAT = "ERR hash value is not a float";
    static final String NAN_OR_INFINITY_ARG = "ERR value is NaN or Infinity";

    @Override
    public void execute(CommandContext ctx) {
        LongDouble increment = LongDouble.parse(ctx.arg(3));
        if (increment == null) {
            throw Errors.notFloat();
        }
        if (!increment.isFinite()) {
            throw new RedisException(NAN_OR_INFINITY_ARG);
        }
        byte[] key = ctx.arg(1);
        byte[] field = ctx.arg(2);
        HashValue hash = ctx.db().getHash(key);
        LongDouble current = LongDouble.ZERO;
        byte[] stored = hash == null ? null : hash.get(field);
        if (stored != null) {
            current = LongDouble.parse(stored);
            if (current == null) {
                throw new RedisException(HASH_NOT_FLOAT);
            }
        }
        LongDouble result = current.plus(increment);
        if (!result.isFinite()) {
            throw new RedisException(Errors.NAN_OR_INFINITY);
        }
        byte[] text = result.toHumanString().getBytes(StandardCharsets.US_ASCII);
        if (hash == null) {
            hash = new HashValue();
            ctx.db().put(key, hash);
        }
        hash.put(field, text);
        Hashes.updateEncoding(ctx, hash);
        ctx.modified(key);
        ctx.keyspaceEvent(KeyspaceEvents.HASH, "hincrbyfloat", key);
        ctx.propagateAs(Verbs.HSET, key, field, text);
        ctx.reply().bulk(text);
    }
}
