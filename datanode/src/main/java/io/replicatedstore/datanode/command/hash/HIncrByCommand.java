package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.HashValue;
import io.replicatedstore.datanode.util.Numbers;

/** {@code HINCRBY key field increment}: replies with the new value. */
final class HIncrByCommand implements Command {

    static final String HASH_NOT_INTEGER = "ERR hash value is not an integer";

    @Override
    public void execute(CommandContext ctx) {
        long increment = ctx.argLong(3);
        byte[] key = ctx.arg(1);
        byte[] field = ctx.arg(2);
        HashValue hash = ctx.db().getHash(key);
        long current = 0;
        byte[] stored = hash == null ? null : hash.get(field);
        if (stored != null) {
            Long parsed = Numbers.parseLong(stored);
            if (parsed == null) {
                throw new RedisException(HASH_NOT_INTEGER);
            }
            current = parsed;
        }
        if ((increment < 0 && current < 0 && increment < Long.MIN_VALUE - current)
                || (increment > 0 && current > 0 && increment > Long.MAX_VALUE - current)) {
            throw new RedisException(Errors.INCR_OVERFLOW);
        }
        long result = current + increment;
        if (hash == null) {
            hash = new HashValue();
            ctx.db().put(key, hash);
        }
        hash.put(field, Numbers.toBytes(result));
        Hashes.updateEncoding(ctx, hash);
        ctx.modified(key);
        ctx.keyspaceEvent(KeyspaceEvents.HASH, "hincrby", key);
        ctx.reply().integer(result);
    }
}
