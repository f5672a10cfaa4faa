package io.replicatedstore.datanode.command;

import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.persist.Persistence;
import io.replicatedstore.datanode.persist.aof.AppendOnlyFile;
import io.replicatedstore.datanode.replication.Replication;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.Server;
import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.Keyspace;
import io.replicatedstore.datanode.util.LongDouble;
import io.replicatedstore.datanode.util.Numbers;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * What a command sees while it executes: its arguments, the client, the selected database, the
 * reply writer, and the calls that tell the server what changed.
 */
public final class CommandContext {

    private final Dispatcher dispatcher;
    private final Server server;
    private final Client client;
    private final CommandSpec spec;
    private final byte[][] argv;
    private final boolean inExec;
    private final boolean propagating;
    private boolean blocked;
    private byte[] readyKey;
    /** Net changes this command made (its share of server.dirty). */
    private long changes;
    private byte[][] propagateAs;
    private boolean preventPropagation;
    private boolean forcePropagation;
    private boolean replicasOnly;

    public CommandContext(Dispatcher dispatcher, Client client, CommandSpec spec, byte[][] argv, boolean inExec) {
        this.dispatcher = dispatcher;
        this.server = dispatcher.server();
        this.client = client;
        this.spec = spec;
        this.argv = argv;
        this.inExec = inExec;
        this.propagating = server.propagation().active();
    }

    // Arguments

    public byte[][] argv() {
        return argv;
    }

    public int argc() {
        return argv.length;
    }

    public byte[] arg(int index) {
        return argv[index];
    }

    public String argString(int index) {
        return new String(argv[index], StandardCharsets.UTF_8);
    }

    /** The argument in lower case, for matching keywords (NX, WITHSCORES...). */
    public String argLower(int index) {
        return argString(index).toLowerCase(Locale.ROOT);
    }

    /** Whether the argument is the given keyword, in any letter case. */
    public boolean argIs(int index, String keyword) {
        byte[] arg = argv[index];
        if (arg.length != keyword.length()) {
            return false;
        }
        for (int i = 0; i < arg.length; i++) {
            int a = arg[i];
            int k = keyword.charAt(i);
            if (a != k && (a | 0x20) != (k | 0x20) || !Character.isLetter(k) && a != k) {
                return false;
            }
        }
        return true;
    }

    /** A 64-bit integer argument, or "value is not an integer or out of range". */
    public long argLong(int index) {
        return Numbers.longArg(argv[index]);
    }

    /** A 64-bit integer argument with a command specific error message. */
    public long argLong(int index, String errorMessage) {
        Long value = Numbers.parseLong(argv[index]);
        if (value == null) {
            throw new RedisException(errorMessage);
        }
        return value;
    }

    /** A float argument (Redis's getDoubleFromObject), or "value is not a valid float". */
    public double argDouble(int index) {
        return Numbers.doubleArg(argv[index]);
    }

    /** A float argument with a command specific error message. */
    public double argDouble(int index, String errorMessage) {
        Double value = Numbers.parseDouble(argv[index]);
        if (value == null) {
            throw new RedisException(errorMessage);
        }
        return value;
    }

    /**
     * A blocking timeout in seconds (may be fractional), as an absolute deadline in unix ms; 0
     * for "wait forever". Redis's getTimeoutFromObjectOrReply, which reads a long double.
     */
    public long timeoutArg(int index) {
        LongDouble seconds = LongDouble.parse(argv[index]);
        if (seconds == null) {
            throw new RedisException(Errors.TIMEOUT_NOT_FLOAT);
        }
        // Redis computes (long long) ceill(seconds * 1000): -0.0001 rounds to 0 (forever), and
        // what does not fit (inf, 1e300) comes out as LLONG_MIN, hence "negative".
        long millis = seconds.times(1000).ceilToLong();
        if (millis < 0) {
            throw new RedisException(Errors.TIMEOUT_NEGATIVE);
        }
        if (millis == 0) {
            return 0;
        }
        long deadline = keyspace().now() + millis;
        return deadline < 0 ? Long.MAX_VALUE : deadline;
    }

    // What the command works on

    public Server server() {
        return server;
    }

    public Client client() {
        return client;
    }

    /** Runs commands (EXEC runs its queue through it). */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public CommandTable commands() {
        return dispatcher.commands();
    }

    public Replication replication() {
        return dispatcher.replication();
    }

    /** RDB saving and loading. */
    public Persistence persistence() {
        return dispatcher.persistence();
    }

    public AppendOnlyFile aof() {
        return dispatcher.aof();
    }

    public CommandSpec spec() {
        return spec;
    }

    public Config config() {
        return server.config();
    }

    public Keyspace keyspace() {
        return server.keyspace();
    }

    public Database db() {
        return client.db();
    }

    public RespWriter reply() {
        return client.writer();
    }

    /** The command time in unix milliseconds, fixed for the whole command. */
    public long now() {
        return server.keyspace().now();
    }

    // What the command changed

    /**
     * A key in the selected database was changed: WATCHers fail their EXEC, clients blocked on
     * it get a chance to run, and the change counts for save rules and propagation.
     */
    public void modified(byte[] key) {
        modified(client.db(), key);
    }

    public void modified(Database db, byte[] key) {
        server.watches().touch(db, key);
        server.blocking().signalReady(db, key);
        server.addDirty(1);
        changes++;
    }

    /**
     * Publishes a keyspace notification about a key of the selected database (Redis's
     * notifyKeyspaceEvent), e.g. {@code ctx.keyspaceEvent(KeyspaceEvents.LIST, "lpush", key)}.
     */
    public void keyspaceEvent(int type, String event, byte[] key) {
        server.keyspaceEvents().notify(type, event, key, client.db().id());
    }

    public void keyspaceEvent(int type, String event, Database db, byte[] key) {
        server.keyspaceEvents().notify(type, event, key, db.id());
    }

    /** Counts extra changes (e.g. a command that changed many elements). */
    public void dirty(long changes) {
        server.addDirty(changes);
        this.changes += changes;
    }

    // Propagation (AOF and replicas)

    /**
     * Whether anything consumes the propagation stream. Commands may test it to skip building a
     * rewritten argv; the propagation calls below are no-ops when it is false.
     */
    public boolean propagating() {
        return propagating;
    }

    /**
     * Propagates the command as this argv instead of its own (Redis's rewriteClientCommandVector),
     * if it changed the dataset.
     */
    public void propagateAs(byte[]... argv) {
        if (propagating) {
            propagateAs = argv;
        }
    }

    /** Propagates another command now, before the command's own (Redis's alsoPropagate). */
    public void alsoPropagate(byte[]... argv) {
        if (propagating) {
            server.propagation().add(client.db().id(), argv);
        }
    }

    /** The command itself is not propagated (what it gave to alsoPropagate still is). */
    public void preventPropagation() {
        preventPropagation = true;
    }

    /** The command is propagated even if it changed nothing (Redis's forceCommandPropagation). */
    public void forcePropagation() {
        forcePropagation = true;
    }

    /** Propagated to replicas only, not to the AOF, even if it changed nothing (PROPAGATE_REPL). */
    public void forcePropagationToReplicas() {
        forcePropagation = true;
        replicasOnly = true;
    }

    public boolean replicasOnly() {
        return replicasOnly;
    }

    /** What the dispatcher propagates for this command once it ran: null for nothing. */
    public byte[][] propagatedArgv() {
        if (blocked || preventPropagation || (changes <= 0 && !forcePropagation)) {
            return null;
        }
        return propagateAs != null ? propagateAs : argv;
    }

    // Blocking

    /** Whether this command runs inside EXEC, where blocking commands must not block. */
    public boolean inExec() {
        return inExec;
    }

    /**
     * Blocks the client on keys until one gets data or the deadline passes (0: forever); the
     * command is then run again. Inside EXEC it answers as a timeout at once, as Redis does.
     */
    public void block(List<byte[]> keys, long deadlineMs) {
        if (inExec) {
            reply().nullArray();
            return;
        }
        blocked = true;
        server.blockedClients().block(client, argv, keys, deadlineMs);
    }

    public boolean blocked() {
        return blocked;
    }

    /**
     * When a blocked command runs again because a key got data: that key (Redis 7.0 serves a
     * BLPOP a b woken by b from b, even if a got data too). Null on a command's first run.
     */
    public byte[] readyKey() {
        return readyKey;
    }

    public void readyKey(byte[] key) {
        this.readyKey = key;
    }
}
