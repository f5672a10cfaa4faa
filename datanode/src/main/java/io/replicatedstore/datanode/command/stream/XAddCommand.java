package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;
import io.replicatedstore.datanode.server.KeyspaceEvents;

import java.util.Arrays;

/**
 * {@code XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value
 * [field value ...]}: replies with the id added. Propagated with the id it got and, after an
 * approximate trim, with the exact bound reached.
 */
final class XAddCommand implements Command {

    static final String ID_TOO_SMALL = "ERR The ID specified in XADD is equal or smaller than the target stream top item";

    @Override
    public void execute(CommandContext ctx) {
        TrimArgs args = TrimArgs.parse(ctx, true);
        int fieldIndex = args.idIndex + 1;
        int pairsArgs = ctx.argc() - fieldIndex;
        if (pairsArgs < 2 || pairsArgs % 2 == 1) {
            throw Errors.wrongArgs(ctx.spec().fullName());
        }
        if (args.idGiven && args.seqGiven && args.id.isMin()) {
            throw new RedisException("ERR The ID specified in XADD must be greater than 0-0");
        }
        byte[] key = ctx.arg(1);
        StreamValue stream = ctx.db().getStream(key);
        if (stream == null && args.noMkStream) {
            ctx.reply().nullBulk();
            return;
        }
        StreamId last = stream == null ? StreamId.MIN : stream.lastId();
        if (last.equals(StreamId.MAX)) {
            throw new RedisException("ERR The stream has exhausted the last possible ID, unable to add more items");
        }
        StreamId id = nextId(last, args, ctx.now());
        if (id == null || id.compareTo(last) <= 0) {
            throw new RedisException(ID_TOO_SMALL);
        }
        if (stream == null) {
            stream = new StreamValue();
            ctx.db().put(key, stream);
        }
        byte[][] fields = Arrays.copyOfRange(ctx.argv(), fieldIndex, ctx.argc());
        stream.append(id, fields, ctx.config().streamNodeMaxEntries.get(), ctx.config().streamNodeMaxBytes.get());
        ctx.reply().bulk(id.toBytes());
        ctx.modified(key);
        ctx.keyspaceEvent(KeyspaceEvents.STREAM, "xadd", key);
        if (args.trim(stream) > 0) {
            ctx.keyspaceEvent(KeyspaceEvents.STREAM, "xtrim", key);
        }
        if (ctx.propagating()) {
            byte[][] propagated = ctx.argv().clone();
            args.rewriteApprox(propagated, stream);
            if (!args.idGiven || !args.seqGiven) {
                propagated[args.idIndex] = id.toBytes();
            }
            ctx.propagateAs(propagated);
        }
    }

    /** Redis's id choice: * from the clock (or after the last id), ms-* the next sequence in that ms. */
    static StreamId nextId(StreamId last, TrimArgs args, long nowMs) {
        if (!args.idGiven) {
            return Long.compareUnsigned(nowMs, last.ms()) > 0 ? new StreamId(nowMs, 0) : last.next();
        }
        if (args.seqGiven) {
            return args.id;
        }
        if (last.ms() == args.id.ms()) {
            if (last.seq() == -1L) {
                // Redis fails here without setting errno, so it reports this (misleading) error.
                throw new RedisException("ERR Elements are too large to be stored");
            }
            return new StreamId(last.ms(), last.seq() + 1);
        }
        return args.id;
    }
}
