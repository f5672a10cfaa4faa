package io.replicatedstore.datanode.command.stream;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.store.StreamGroup;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;
import io.replicatedstore.datanode.server.KeyspaceEvents;

/**
 * {@code XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD n]}, {@code SETID key group id|$
 * [ENTRIESREAD n]}, {@code DESTROY key group}, {@code CREATECONSUMER key group consumer},
 * {@code DELCONSUMER key group consumer}. One class for the five subcommands because Redis checks
 * them in one order (options, then key, then group, then the subcommand's own checks) and the
 * error a client gets depends on that order.
 */
final class XGroupCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        String sub = ctx.argLower(1);
        boolean create = sub.equals("create");
        boolean mkstream = false;
        long entriesRead = StreamGroup.INVALID_ENTRIES_READ;
        for (int i = 5; i < ctx.argc(); ) {
            if (create && ctx.argIs(i, "mkstream")) {
                mkstream = true;
                i++;
            } else if ((create || sub.equals("setid")) && ctx.argIs(i, "entriesread") && i + 1 < ctx.argc()) {
                entriesRead = ctx.argLong(i + 1);
                if (entriesRead < 0 && entriesRead != StreamGroup.INVALID_ENTRIES_READ) {
                    throw new RedisException("ERR value for ENTRIESREAD must be positive or -1");
                }
                i += 2;
            } else {
                throw Streams.subcommandSyntax(ctx);
            }
        }
        byte[] key = ctx.arg(2);
        byte[] name = ctx.arg(3);
        StreamValue stream = ctx.db().getStream(key);
        StreamGroup group = null;
        if (!mkstream) {
            if (stream == null) {
                throw new RedisException("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE "
                        + "you may want to use the MKSTREAM option to create an empty stream automatically.");
            }
            group = stream.group(name);
            if (group == null && (sub.equals("setid") || sub.equals("createconsumer") || sub.equals("delconsumer"))) {
                throw new RedisException("NOGROUP No such consumer group '" + Groups.text(name) + "' for key name '"
                        + Groups.text(key) + "'");
            }
        }
        switch (sub) {
            case "create" -> {
                if (ctx.argc() > 8) {
                    throw Streams.subcommandSyntax(ctx);
                }
                StreamId id = isDollar(ctx.arg(4)) ? (stream == null ? StreamId.MIN : stream.lastId())
                        : Streams.strictId(ctx.arg(4), 0);
                if (stream == null) {
                    stream = new StreamValue();
                    ctx.db().put(key, stream);
                    ctx.modified(key);
                }
                if (stream.createGroup(name.clone(), id, entriesRead) == null) {
                    throw new RedisException("BUSYGROUP Consumer Group name already exists");
                }
                ctx.reply().ok();
                ctx.modified(key);
                ctx.keyspaceEvent(KeyspaceEvents.STREAM, "xgroup-create", key);
            }
            case "setid" -> {
                if (ctx.argc() != 5 && ctx.argc() != 7) {
                    throw Streams.subcommandSyntax(ctx);
                }
                StreamId id = isDollar(ctx.arg(4)) ? stream.lastId() : Streams.id(ctx.arg(4), 0);
                group.lastId = id;
                group.entriesRead = entriesRead;
                ctx.reply().ok();
                ctx.modified(key);
                ctx.keyspaceEvent(KeyspaceEvents.STREAM, "xgroup-setid", key);
            }
            case "destroy" -> {
                if (group == null) {
                    ctx.reply().integer(0);
                    return;
                }
                stream.destroyGroup(name);
                ctx.reply().integer(1);
                // Clients blocked in XREADGROUP on this group get -NOGROUP.
                ctx.modified(key);
                ctx.keyspaceEvent(KeyspaceEvents.STREAM, "xgroup-destroy", key);
            }
            case "createconsumer" -> {
                if (group.createConsumer(ctx.arg(4).clone(), ctx.now()) == null) {
                    ctx.reply().integer(0);
                    return;
                }
                ctx.reply().integer(1);
                ctx.modified(key);
                ctx.keyspaceEvent(KeyspaceEvents.STREAM, "xgroup-createconsumer", key);
            }
            case "delconsumer" -> {
                StreamGroup.Consumer consumer = group.consumer(ctx.arg(4));
                long pending = 0;
                if (consumer != null) {
                    pending = consumer.pending.size();
                    group.deleteConsumer(consumer);
                    ctx.modified(key);
                    ctx.keyspaceEvent(KeyspaceEvents.STREAM, "xgroup-delconsumer", key);
                }
                ctx.reply().integer(pending);
            }
            default -> throw Streams.subcommandSyntax(ctx);
        }
    }

    private static boolean isDollar(byte[] arg) {
        return arg.length == 1 && arg[0] == '$';
    }
}
