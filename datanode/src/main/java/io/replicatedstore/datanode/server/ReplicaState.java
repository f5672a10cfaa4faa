package io.replicatedstore.datanode.server;

/**
 * What the client core needs of a client that is (becoming) our replica; replication keeps the
 * rest. Limits, CLIENT LIST and the idle check read it without knowing replication.
 */
public interface ReplicaState {

    /** Whether the replica finished its full sync: from then on it counts as a replica. */
    boolean synced();

    /** Stream bytes held for it while its full sync runs (part of its output buffer). */
    long heldBytes();

    int heldChunks();
}
