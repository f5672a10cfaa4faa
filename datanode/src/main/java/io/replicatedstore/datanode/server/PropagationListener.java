package io.replicatedstore.datanode.server;

/**
 * Receives the command stream a Redis 7.0 master would send its replicas and write to its AOF:
 * one call per command, with the database it applies to. Transactions arrive as MULTI, the
 * commands, EXEC (each an ordinary call). SELECT is never passed: a consumer that writes the
 * stream inserts it where the database changes (see {@link io.replicatedstore.datanode.resp.PropagationEncoder}).
 * Called on the command thread; the argv arrays must not be modified.
 */
@FunctionalInterface
public interface PropagationListener {

    void propagate(int db, byte[][] argv);

    /** Whether this is the replication stream, which also gets what goes to replicas only (PUBLISH). */
    default boolean isReplication() {
        return false;
    }
}
