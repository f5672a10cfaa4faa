package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.resp.DoubleFormat;
import io.replicatedstore.datanode.store.HashValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * {@code HINCRBYFLOAT key field increment}: replies with the new value as a bulk string. The
 * sum is computed in (emulated) 80-bit long double and printed with "%.17Lf" minus trailing
 * zeros, exactly as Redis on x86-64 does.
 */
final class HIncrByFloatCommand implements Command {

    static final String HASH_NOT_FLOAT = "ERR hash value is not a float";
    static final String NAN_OR_INFINITY_ARG = "ERR value is NaN or Infinity";

    @Override
    public void execute(CommandContext ctx) {
        LongDouble.Parsed increment = LongDouble.parse(ctx.arg(3));
        if (increment.kind() == LongDouble.Kind.INVALID) {
            throw Errors.notFloat();
        }
        if (increment.kind() == LongDouble.Kind.INFINITE) {
            throw new RedisException(NAN_OR_INFINITY_ARG);
        }
        byte[] key = ctx.arg(1);
        byte[] field = ctx.arg(2);
        HashValue hash = ctx.db().getHash(key);
        BigDecimal current = BigDecimal.ZERO;
        byte[] stored = hash == null ? null : hash.get(field);
        if (stored != null) {
            LongDouble.Parsed parsed = LongDouble.parse(stored);
            if (parsed.kind() == LongDouble.Kind.INVALID) {
                throw new RedisException(HASH_NOT_FLOAT);
            }
            if (parsed.kind() == LongDouble.Kind.INFINITE) {
                throw new RedisException(Errors.NAN_OR_INFINITY);
            }
            current = parsed.value();
        }
        BigDecimal result = LongDouble.add(current, increment.value());
        if (result == null) {
            throw new RedisException(Errors.NAN_OR_INFINITY);
        }
        byte[] text = DoubleFormat.human(result).getBytes(StandardCharsets.US_ASCII);
        if (hash == null) {
            hash = new HashValue();
            ctx.db().put(key, hash);
        }
        hash.put(field, text);
        Hashes.updateEncoding(ctx, hash);
        ctx.modified(key);
        ctx.reply().bulk(text);
    }
}
