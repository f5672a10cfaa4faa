package io.replicatedstore.datanode.server;

/**
 * Runs the commands clients send: the command layer's Dispatcher implements it, so the client
 * core, the replica link and the AOF loader hand commands over without knowing the command table.
 */
public interface CommandProcessor {

    /** Processes one command from a client: checks it, queues it in MULTI, or runs it. */
    void process(Client client, byte[][] argv);

    /** Whether a command by this name exists. */
    boolean exists(byte[] name);

    /** Serves clients blocked on keys that became ready (the cron calls it too). */
    void handleClientsBlockedOnKeys();
}
