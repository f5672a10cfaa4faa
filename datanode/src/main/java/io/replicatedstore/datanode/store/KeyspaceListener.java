package io.replicatedstore.datanode.store;

/** What the server is told about changes the keyspace makes by itself (not by a command). */
public interface KeyspaceListener {

    /** A key was removed because its time to live passed (lazily on access or by the active cycle). */
    void keyExpired(Database db, byte[] key);

    /** A key that did not exist was added by a command (Redis's dbAdd: the "new" event). */
    default void keyAdded(Database db, byte[] key) {
    }

    /** A read lookup found no live key (the "keymiss" event). */
    default void keyMissed(Database db, byte[] key) {
    }

    KeyspaceListener NONE = (db, key) -> { };
}
