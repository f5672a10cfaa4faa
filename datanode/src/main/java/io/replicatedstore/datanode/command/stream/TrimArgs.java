package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;

import java.nio.charset.StandardCharsets;

/**
 * XADD's and XTRIM's options (Redis's streamParseAddOrTrimArgsOrReply): MAXLEN or MINID with
 * {@code =} or {@code ~}, LIMIT, and for XADD NOMKSTREAM and the id.
 */
final class TrimArgs {

    static final int NONE = 0;
    static final int MAXLEN = 1;
    static final int MINID = 2;

    int strategy = NONE;
    /** Index of the MAXLEN/MINID value argument. */
    int strategyArgIndex;
    long maxLen;
    StreamId minId;
    boolean approx;
    long limit;
    boolean noMkStream;
    /** XADD: the id argument's index, whether an id (other than *) and its sequence were given. */
    int idIndex;
    StreamId id;
    boolean idGiven;
    boolean seqGiven;

    static TrimArgs parse(CommandContext ctx, boolean xadd) {
        TrimArgs args = new TrimArgs();
        boolean limitGiven = false;
        int i = 2;
        for (; i < ctx.argc(); i++) {
            int moreArgs = ctx.argc() - 1 - i;
            byte[] opt = ctx.arg(i);
            if (xadd && opt.length == 1 && opt[0] == '*') {
                break;
            } else if ((ctx.argIs(i, "maxlen") || ctx.argIs(i, "minid")) && moreArgs > 0) {
                boolean byLength = ctx.argIs(i, "maxlen");
                if (args.strategy != NONE) {
                    throw new RedisException("ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
                }
                args.approx = false;
                byte[] next = ctx.arg(i + 1);
                if (moreArgs >= 2 && next.length == 1 && next[0] == '~') {
                    args.approx = true;
                    i++;
                } else if (moreArgs >= 2 && next.length == 1 && next[0] == '=') {
                    i++;
                }
                if (byLength) {
                    args.maxLen = ctx.argLong(i + 1);
                    if (args.maxLen < 0) {
                        throw new RedisException("ERR The MAXLEN argument must be >= 0.");
                    }
                } else {
                    args.minId = Streams.strictId(ctx.arg(i + 1), 0);
                }
                i++;
                args.strategy = byLength ? MAXLEN : MINID;
                args.strategyArgIndex = i;
            } else if (ctx.argIs(i, "limit") && moreArgs > 0) {
                args.limit = ctx.argLong(i + 1);
                if (args.limit < 0) {
                    throw new RedisException("ERR The LIMIT argument must be >= 0.");
                }
                limitGiven = true;
                i++;
            } else if (xadd && ctx.argIs(i, "nomkstream")) {
                args.noMkStream = true;
            } else if (xadd) {
                args.id = parseXAddId(opt, args);
                args.idGiven = true;
                break;
            } else {
                throw Errors.syntax();
            }
        }
        args.idIndex = i;
        if (args.limit != 0 && args.strategy == NONE) {
            throw new RedisException("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
        }
        if (!xadd && args.strategy == NONE) {
            throw new RedisException("ERR syntax error, XTRIM must be called with a trimming strategy");
        }
        if (Streams.mustObey(ctx)) {
            args.limit = 0; // the master rewrote ~ into an exact bound
        } else if (limitGiven) {
            if (!args.approx) {
                throw new RedisException("ERR syntax error, LIMIT cannot be used without the special ~ option");
            }
        } else if (args.approx) {
            args.limit = 100 * ctx.config().streamNodeMaxEntries.get();
            if (args.limit <= 0) {
                args.limit = 10000;
            }
            if (args.limit > 1000000) {
                args.limit = 1000000;
            }
        } else {
            args.limit = 0;
        }
        return args;
    }

    /** An explicit XADD id: "ms-seq", "ms" or "ms-*" (the sequence then chosen by XADD). */
    private static StreamId parseXAddId(byte[] arg, TrimArgs args) {
        if (arg.length == 1 && (arg[0] == '-' || arg[0] == '+')) {
            throw new RedisException(Streams.INVALID_ID);
        }
        args.seqGiven = true;
        int n = arg.length;
        if (n >= 2 && arg[n - 1] == '*' && arg[n - 2] == '-') {
            StreamId ms = StreamId.parse(java.util.Arrays.copyOf(arg, n - 2), 0);
            if (ms == null) {
                throw new RedisException(Streams.INVALID_ID);
            }
            for (int k = 0; k < n - 2; k++) {
                if (arg[k] == '-') {
                    throw new RedisException(Streams.INVALID_ID);
                }
            }
            args.seqGiven = false;
            return ms;
        }
        return Streams.strictId(arg, 0);
    }

    /** Trims the stream as asked; returns the entries removed. */
    long trim(StreamValue stream) {
        if (strategy == NONE) {
            return 0;
        }
        return stream.trim(maxLen, strategy == MINID ? minId : null, approx, limit);
    }

    /**
     * After an approximate trim, the propagated command says "=" and the bound the trim reached
     * (Redis's streamRewriteApproxSpecifier and streamRewriteTrimArgument), so replicas and the AOF
     * end with the same entries.
     */
    void rewriteApprox(byte[][] argv, StreamValue stream) {
        if (!approx) {
            return;
        }
        argv[strategyArgIndex - 1] = "=".getBytes(StandardCharsets.US_ASCII);
        argv[strategyArgIndex] = strategy == MAXLEN
                ? Long.toString(stream.length()).getBytes(StandardCharsets.US_ASCII)
                : stream.firstIdWithTombstones().toBytes();
    }
}
