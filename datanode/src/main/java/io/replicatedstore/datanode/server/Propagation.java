package io.replicatedstore.datanode.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The command propagation stream (Redis's also_propagate and propagatePendingCommands). The
 * operations of one top level command (its own rewritten argv, what it added with
 * alsoPropagate, and DELs of keys it found expired) are collected and handed to the listeners
 * when it ends; more than one, or any inside EXEC, are wrapped in MULTI ... EXEC as Redis 7.0
 * does. Keys removed by the active expiry cycle go out at once as {@code DEL key}.
 * With no listener nothing is collected at all.
 */
public final class Propagation {

    private static final Logger LOG = Logger.getLogger(Propagation.class.getName());

    static final byte[] MULTI = bytes("MULTI");
    static final byte[] EXEC = bytes("EXEC");
    public static final byte[] DEL = bytes("DEL");
    public static final byte[] UNLINK = bytes("UNLINK");
    private static final byte[][] MULTI_ARGV = {MULTI};
    private static final byte[][] EXEC_ARGV = {EXEC};

    private record Op(int db, byte[][] argv, boolean replicasOnly) {
    }

    private static final PropagationListener[] NO_LISTENERS = {};

    /** Replaced, never changed, so a listener may add or remove listeners while being called. */
    private PropagationListener[] listeners = NO_LISTENERS;
    private final List<Op> pending = new ArrayList<>();
    private int depth;
    private boolean transaction;
    private boolean arbitraryKeys;

    public void addListener(PropagationListener listener) {
        PropagationListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
        next[listeners.length] = listener;
        listeners = next;
    }

    public void removeListener(PropagationListener listener) {
        List<PropagationListener> next = new ArrayList<>(Arrays.asList(listeners));
        next.remove(listener);
        listeners = next.toArray(NO_LISTENERS);
    }

    /** Whether anything consumes the stream; when not, commands skip all propagation work. */
    public boolean active() {
        return listeners.length > 0;
    }

    /** A command starts executing (calls nest for the commands EXEC runs). */
    public void enter() {
        depth++;
    }

    /** A command ended; the outermost one sends what was collected. */
    public void exit() {
        if (--depth == 0) {
            flush();
        }
    }

    /** EXEC runs its queued commands: whatever they propagate is wrapped in MULTI ... EXEC. */
    public void transaction() {
        transaction = true;
    }

    /**
     * The command running on its own (not in EXEC or a script) may delete arbitrary expired keys
     * (SCAN, RANDOMKEY): their DELs go out one by one, not in MULTI ... EXEC, as Redis 7.0's
     * CMD_TOUCHES_ARBITRARY_KEYS.
     */
    public void touchesArbitraryKeys() {
        arbitraryKeys = true;
    }

    /** Adds an operation: collected while a command runs, else sent at once. */
    public void add(int db, byte[][] argv) {
        add(db, argv, false);
    }

    /** @param replicasOnly for the replication stream only, not the AOF (PUBLISH) */
    public void add(int db, byte[][] argv, boolean replicasOnly) {
        if (listeners.length == 0) {
            return;
        }
        if (depth > 0) {
            pending.add(new Op(db, argv, replicasOnly));
        } else {
            emit(db, argv, replicasOnly);
        }
    }

    /** How many operations the running command has collected so far (for {@link #discardSince}). */
    public int mark() {
        return pending.size();
    }

    /**
     * Forgets what was collected after {@code mark}: commands replayed from a file by DEBUG
     * LOADAOF change nothing a replica or the AOF does not already have (Redis runs them outside call()).
     */
    public void discardSince(int mark) {
        while (pending.size() > mark) {
            pending.remove(pending.size() - 1);
        }
    }

    /** A key was deleted because it expired: DEL, or UNLINK under lazyfree-lazy-expire (Redis's propagateDeletion). */
    void keyExpired(int db, byte[] key, boolean lazy) {
        add(db, new byte[][] {lazy ? UNLINK : DEL, key}, false);
    }

    private void flush() {
        boolean wrap = transaction ? !pending.isEmpty() : pending.size() > 1 && !arbitraryKeys;
        transaction = false;
        arbitraryKeys = false;
        if (pending.isEmpty()) {
            return;
        }
        if (!wrap && pending.size() == 1) {
            // The usual case, one command: taken out before it is emitted, as the list below.
            Op op = pending.remove(0);
            emit(op.db(), op.argv(), op.replicasOnly());
            return;
        }
        if (!wrap) {
            // SCAN or RANDOMKEY's DELs of expired keys, one by one.
            Op[] ops = pending.toArray(new Op[0]);
            pending.clear();
            for (Op op : ops) {
                emit(op.db(), op.argv(), op.replicasOnly());
            }
            return;
        }
        Op[] ops = pending.toArray(new Op[0]);
        pending.clear();
        emit(ops[0].db(), MULTI_ARGV, false); // the first command's db, so SELECT comes before MULTI
        for (Op op : ops) {
            emit(op.db(), op.argv(), op.replicasOnly());
        }
        emit(ops[ops.length - 1].db(), EXEC_ARGV, false); // the last one's: no SELECT before EXEC
    }

    private void emit(int db, byte[][] argv, boolean replicasOnly) {
        for (PropagationListener listener : listeners) {
            if (replicasOnly && !listener.isReplication()) {
                continue;
            }
            try {
                listener.propagate(db, argv);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Propagation listener failed", e);
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
