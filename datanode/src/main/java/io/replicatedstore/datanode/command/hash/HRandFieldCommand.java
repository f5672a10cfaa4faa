package io.replicatedstore.datanode.command.hash;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.HashValue;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * {@code HRANDFIELD key [count [WITHVALUES]]}. A positive count gives distinct fields (the whole
 * hash when count >= its size), a negative one allows repeats. With WITHVALUES RESP2 gets a flat
 * array and RESP3 an array of [field, value] pairs.
 */
final class HRandFieldCommand implements Command {

    static final String COUNT_RANGE =
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    static final String OUT_OF_RANGE = "ERR value is out of range";

    @Override
    public void execute(CommandContext ctx) {
        RandomGenerator rnd = ThreadLocalRandom.current();
        if (ctx.argc() == 2) {
            HashValue hash = ctx.db().getHash(ctx.arg(1));
            ctx.reply().bulk(hash == null ? null : hash.randomEntry(rnd).field());
            return;
        }
        long count = ctx.argLong(2);
        if (count == Long.MIN_VALUE) {
            throw new RedisException(COUNT_RANGE);
        }
        boolean withValues = false;
        if (ctx.argc() > 4 || (ctx.argc() == 4 && !ctx.argIs(3, "withvalues"))) {
            throw Errors.syntax();
        } else if (ctx.argc() == 4) {
            withValues = true;
            if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
                throw new RedisException(OUT_OF_RANGE);
            }
        }
        HashValue hash = ctx.db().getHash(ctx.arg(1));
        if (hash == null || count == 0) {
            ctx.reply().array(0);
            return;
        }
        RespWriter out = ctx.reply();
        boolean pairs = withValues && out.isResp3();
        int perEntry = withValues && !pairs ? 2 : 1;
        if (count < 0 || count == 1) {
            long n = Math.abs(count);
            if (n * perEntry > Integer.MAX_VALUE) {
                throw new RedisException(OUT_OF_RANGE); // a reply this long cannot be built
            }
            out.array((int) n * perEntry);
            for (long i = 0; i < n; i++) {
                write(out, hash.randomEntry(rnd), withValues, pairs);
            }
            return;
        }
        List<HashValue.Entry> entries = hash.randomDistinctEntries((int) Math.min(count, Integer.MAX_VALUE), rnd);
        out.array(entries.size() * perEntry);
        for (HashValue.Entry entry : entries) {
            write(out, entry, withValues, pairs);
        }
    }

    private static void write(RespWriter out, HashValue.Entry entry, boolean withValues, boolean pairs) {
        if (pairs) {
            out.array(2);
        }
        out.bulk(entry.field());
        if (withValues) {
            out.bulk(entry.value());
        }
    }
}
