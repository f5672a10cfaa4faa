package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.Verbs;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.persist.RdbFiles;
import io.replicatedstore.datanode.persist.rdb.DumpPayload;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.KeyClock;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]}:
 * creates a key from a DUMP payload, checked (version, CRC-64, then the value itself) before
 * anything changes. A relative ttl is propagated as an absolute one with ABSTTL, as Redis does.
 */
final class RestoreCommand implements Command {

    static final String BUSYKEY = "BUSYKEY Target key name already exists.";
    static final String BAD_PAYLOAD = "ERR DUMP payload version or checksum are wrong";
    private static final byte[] ABSTTL = "ABSTTL".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void execute(CommandContext ctx) {
        boolean replace = false;
        boolean absTtl = false;
        long idle = -1;
        long freq = -1;
        for (int j = 4; j < ctx.argc(); j++) {
            boolean more = j + 1 < ctx.argc();
            if (ctx.argIs(j, "replace")) {
                replace = true;
            } else if (ctx.argIs(j, "absttl")) {
                absTtl = true;
            } else if (ctx.argIs(j, "idletime") && more && freq == -1) {
                idle = ctx.argLong(++j);
                if (idle < 0) {
                    throw Errors.error("ERR Invalid IDLETIME value, must be >= 0");
                }
            } else if (ctx.argIs(j, "freq") && more && idle == -1) {
                freq = ctx.argLong(++j);
                if (freq < 0 || freq > 255) {
                    throw Errors.error("ERR Invalid FREQ value, must be >= 0 and <= 255");
                }
            } else {
                throw Errors.syntax();
            }
        }
        byte[] key = ctx.arg(1);
        Database db = ctx.db();
        if (!replace && db.get(key) != null) {
            throw Errors.error(BUSYKEY);
        }
        long ttl = ctx.argLong(2);
        if (ttl < 0) {
            throw Errors.error("ERR Invalid TTL value, must be >= 0");
        }
        byte[] payload = ctx.arg(3);
        if (!DumpPayload.verify(payload, true)) {
            throw Errors.error(BAD_PAYLOAD);
        }
        Object value;
        try {
            value = DumpPayload.read(payload, RdbFiles.limits(ctx.config()));
        } catch (DumpPayload.Refused e) {
            throw Errors.error("ERR " + e.getMessage());
        }
        boolean deleted = replace && db.delete(key);
        if (ttl > 0 && !absTtl) {
            ttl += ctx.now();
        }
        if (ttl > 0 && ttl <= ctx.now() && ctx.keyspace().deletesExpiredKeys()) {
            // Already expired: nothing is created; a replaced key is gone.
            if (deleted) {
                ctx.propagateAs(Verbs.DEL, key);
                ctx.modified(key);
                ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", key);
            }
            ctx.reply().ok();
            return;
        }
        db.put(key, value);
        if (ttl > 0) {
            db.setExpireAt(key, ttl);
            if (!absTtl && ctx.propagating()) {
                byte[][] argv = Arrays.copyOf(ctx.argv(), ctx.argc() + 1);
                argv[2] = Verbs.number(ttl);
                argv[argv.length - 1] = ABSTTL;
                ctx.propagateAs(argv);
            }
        }
        KeyClock clock = ctx.keyspace().keyClock();
        if (clock.lfu() && freq >= 0) {
            db.clockOf(key, clock.stampFrequency((int) freq));
        } else if (!clock.lfu() && idle >= 0) {
            db.clockOf(key, clock.stampIdle(idle));
        }
        ctx.modified(key);
        ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "restore", key);
        ctx.reply().ok();
    }
}
