package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.store.SetValue;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * {@code SRANDMEMBER key [count]}. A positive count gives distinct members (the whole set when
 * count >= its size), a negative one allows repeats; the reply is an array in both protocols.
 */
final class SRandMemberCommand implements Command {

    static final String COUNT_RANGE =
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    static final String OUT_OF_RANGE = "ERR value is out of range";

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() > 3) {
            throw Errors.syntax();
        }
        RandomGenerator rnd = ThreadLocalRandom.current();
        if (ctx.argc() == 2) {
            SetValue set = ctx.db().getSet(ctx.arg(1));
            ctx.reply().bulk(set == null ? null : set.randomMember(rnd));
            return;
        }
        long count = ctx.argLong(2);
        if (count == Long.MIN_VALUE) {
            throw new RedisException(COUNT_RANGE);
        }
        SetValue set = ctx.db().getSet(ctx.arg(1));
        if (set == null || count == 0) {
            ctx.reply().array(0);
            return;
        }
        if (count < 0 || count == 1) {
            long n = Math.abs(count);
            if (n > Integer.MAX_VALUE) {
                throw new RedisException(OUT_OF_RANGE); // a reply this long cannot be built
            }
            ctx.reply().array((int) n);
            for (long i = 0; i < n; i++) {
                ctx.reply().bulk(set.randomMember(rnd));
            }
            return;
        }
        List<byte[]> members = set.randomDistinctMembers((int) Math.min(count, Integer.MAX_VALUE), rnd);
        ctx.reply().bulks(members);
    }
}
