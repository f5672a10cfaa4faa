package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.store.Bytes;
import io.replicatedstore.datanode.store.Database;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** WATCH: which clients watch which keys, so a write to one makes their EXEC fail. */
public final class WatchedKeys {

    /** A watched key in a database. */
    public record Key(int db, Bytes key) {
    }

    private final Map<Key, Set<Client>> watchers = new HashMap<>();

    public void watch(Client client, Database db, byte[] key) {
        Key k = new Key(db.id(), Bytes.of(key));
        if (client.watched().add(k)) {
            watchers.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(client);
        }
    }

    public void unwatchAll(Client client) {
        for (Key k : client.watched()) {
            Set<Client> set = watchers.get(k);
            if (set != null) {
                set.remove(client);
                if (set.isEmpty()) {
                    watchers.remove(k);
                }
            }
        }
        client.watched().clear();
    }

    /** A key was modified: every client watching it will fail its EXEC. */
    public void touch(Database db, byte[] key) {
        if (watchers.isEmpty()) {
            return;
        }
        Set<Client> set = watchers.get(new Key(db.id(), Bytes.of(key)));
        if (set != null) {
            for (Client client : set) {
                client.watchedKeyTouched(true);
            }
        }
    }

    /** A whole database changed (FLUSHDB, FLUSHALL, SWAPDB): its watched keys count as touched. */
    public void touchDatabase(int db) {
        List<Client> touched = new ArrayList<>();
        for (Map.Entry<Key, Set<Client>> entry : watchers.entrySet()) {
            if (entry.getKey().db() == db) {
                touched.addAll(entry.getValue());
            }
        }
        for (Client client : touched) {
            client.watchedKeyTouched(true);
        }
    }

    public int watchedKeyCount() {
        return watchers.size();
    }
}
