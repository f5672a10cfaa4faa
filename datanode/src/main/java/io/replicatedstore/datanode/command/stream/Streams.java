package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;

import java.util.List;

/** Shared steps of the stream commands: id arguments (Redis's streamGenericParseIDOrReply) and entry replies. */
final class Streams {

    static final String INVALID_ID = "ERR Invalid stream ID specified as stream command argument";

    private Streams() {
    }

    /** An id argument where "-" and "+" mean the smallest and largest ids. */
    static StreamId id(byte[] arg, long missingSeq) {
        if (arg.length == 1 && arg[0] == '-') {
            return StreamId.MIN;
        }
        if (arg.length == 1 && arg[0] == '+') {
            return StreamId.MAX;
        }
        return strictId(arg, missingSeq);
    }

    /** An id argument where "-" and "+" are errors. */
    static StreamId strictId(byte[] arg, long missingSeq) {
        StreamId id = StreamId.parse(arg, missingSeq);
        if (id == null) {
            throw new RedisException(INVALID_ID);
        }
        return id;
    }

    /** A range bound: "(" before an id makes it exclusive (strict id then). */
    static StreamId intervalId(byte[] arg, long missingSeq, boolean start) {
        if (arg.length > 1 && arg[0] == '(') {
            StreamId id = strictId(java.util.Arrays.copyOfRange(arg, 1, arg.length), missingSeq);
            StreamId moved = start ? id.next() : id.previous();
            if (moved == null) {
                throw new RedisException(start ? "ERR invalid start ID for the interval" : "ERR invalid end ID for the interval");
            }
            return moved;
        }
        return id(arg, missingSeq);
    }

    /** Entries as Redis replies them: each [id, [field, value, ...]]. */
    static void replyEntries(RespWriter reply, List<StreamValue.Entry> entries) {
        reply.array(entries.size());
        for (StreamValue.Entry entry : entries) {
            replyEntry(reply, entry);
        }
    }

    static void replyEntry(RespWriter reply, StreamValue.Entry entry) {
        reply.array(2).bulk(entry.id().toBytes());
        reply.array(entry.fieldsAndValues().length);
        for (byte[] element : entry.fieldsAndValues()) {
            reply.bulk(element);
        }
    }

    /** The last live entry's id (Redis's streamLastValidID), 0-0 when empty. */
    static StreamId lastValidId(StreamValue stream) {
        return stream.lastValidId();
    }

    /** Redis's addReplySubcommandSyntaxError. */
    static RedisException subcommandSyntax(CommandContext ctx) {
        return new RedisException("ERR unknown subcommand or wrong number of arguments for '"
                + io.replicatedstore.datanode.error.Errors.truncate(ctx.argString(1), 128) + "'. Try "
                + ctx.argString(0).toUpperCase(java.util.Locale.ROOT) + " HELP.");
    }

    /** Whether the client's writes must be applied as sent: its master, or the AOF being loaded. */
    static boolean mustObey(CommandContext ctx) {
        return ctx.client().isMaster() || ctx.client().id() < 0;
    }
}
