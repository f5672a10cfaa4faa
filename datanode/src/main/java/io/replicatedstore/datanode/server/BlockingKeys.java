package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.store.Bytes;
import io.replicatedstore.datanode.store.Database;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Clients blocked on keys (BLPOP, BZPOPMIN...), in the order they blocked, and the keys that
 * became ready during the current command. After each command the server re-runs the blocked
 * commands of the first waiting clients of every ready key, as Redis's handleClientsBlockedOnKeys.
 */
public final class BlockingKeys {

    public record Key(int db, Bytes key) {
    }

    private final Map<Key, Deque<Client>> waiting = new HashMap<>();
    private final Set<Key> ready = new LinkedHashSet<>();
    private int blockedClients;

    void block(Client client, List<byte[]> keys, Database db) {
        for (byte[] key : keys) {
            waiting.computeIfAbsent(new Key(db.id(), Bytes.of(key)), k -> new ArrayDeque<>()).addLast(client);
        }
        blockedClients++;
    }

    void unblock(Client client) {
        Client.Blocked blocked = client.blocked();
        if (blocked == null) {
            return;
        }
        for (byte[] key : blocked.keys()) {
            Key k = new Key(blocked.db().id(), Bytes.of(key));
            Deque<Client> queue = waiting.get(k);
            if (queue != null) {
                queue.remove(client);
                if (queue.isEmpty()) {
                    waiting.remove(k);
                }
            }
        }
        blockedClients--;
    }

    /** A key got data (a push, an add): blocked clients on it get a chance after the command. */
    public void signalReady(Database db, byte[] key) {
        if (waiting.isEmpty()) {
            return;
        }
        Key k = new Key(db.id(), Bytes.of(key));
        if (waiting.containsKey(k)) {
            ready.add(k);
        }
    }

    public boolean hasReady() {
        return !ready.isEmpty();
    }

    /** Takes the keys signalled ready so far. */
    public List<Key> takeReady() {
        List<Key> keys = new ArrayList<>(ready);
        ready.clear();
        return keys;
    }

    /** A copy of the clients waiting on a key, in the order they blocked. */
    public List<Client> waiting(Key key) {
        Deque<Client> queue = waiting.get(key);
        return queue == null ? List.of() : new ArrayList<>(queue);
    }

    public int blockedClients() {
        return blockedClients;
    }

    public int blockingKeys() {
        return waiting.size();
    }
}
