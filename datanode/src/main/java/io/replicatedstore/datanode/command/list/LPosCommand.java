package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.store.ListValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]}. A negative rank
 * searches from the tail; indexes are always from the head, as LINDEX counts them.
 */
final class LPosCommand implements Command {

    static final String RANK_ZERO = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second "
            + "... or use negative to start from the end of the list";
    static final String COUNT_NEGATIVE = "ERR COUNT can't be negative";
    static final String MAXLEN_NEGATIVE = "ERR MAXLEN can't be negative";

    @Override
    public void execute(CommandContext ctx) {
        byte[] element = ctx.arg(2);
        long rank = 1;
        long count = -1; // -1: no COUNT option
        long maxlen = 0;
        for (int j = 3; j < ctx.argc(); j++) {
            boolean moreArgs = ctx.argc() - 1 - j > 0;
            if (ctx.argIs(j, "rank") && moreArgs) {
                j++;
                rank = ctx.argLong(j);
                if (rank == 0) {
                    throw new RedisException(RANK_ZERO);
                }
            } else if (ctx.argIs(j, "count") && moreArgs) {
                j++;
                count = Lists.positiveLong(ctx, j, COUNT_NEGATIVE);
            } else if (ctx.argIs(j, "maxlen") && moreArgs) {
                j++;
                maxlen = Lists.positiveLong(ctx, j, MAXLEN_NEGATIVE);
            } else {
                throw Errors.syntax();
            }
        }
        boolean fromTail = rank < 0;
        if (fromTail) {
            rank = -rank; // Long.MIN_VALUE stays negative, as in Redis: every match then qualifies
        }
        ListValue list = ctx.db().getList(ctx.arg(1));
        if (list == null) {
            if (count != -1) {
                ctx.reply().array(0);
            } else {
                ctx.reply().nullBulk();
            }
            return;
        }
        int size = list.size();
        long matches = 0;
        List<Long> found = new ArrayList<>();
        long single = -1;
        for (long scanned = 0; scanned < size && (maxlen == 0 || scanned < maxlen); scanned++) {
            int index = (int) (fromTail ? size - 1 - scanned : scanned);
            if (!Arrays.equals(list.get(index), element)) {
                continue;
            }
            matches++;
            if (matches >= rank) {
                if (count != -1) {
                    found.add((long) index);
                    if (count != 0 && matches - rank + 1 >= count) {
                        break;
                    }
                } else {
                    single = index;
                    break;
                }
            }
        }
        if (count != -1) {
            ctx.reply().array(found.size());
            for (long index : found) {
                ctx.reply().integer(index);
            }
        } else if (single != -1) {
            ctx.reply().integer(single);
        } else {
            ctx.reply().nullBulk();
        }
    }
}
