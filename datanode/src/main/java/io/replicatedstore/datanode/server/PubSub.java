package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.Bytes;
import io.replicatedstore.datanode.util.GlobMatcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Channels and patterns with their subscribers; delivers PUBLISH messages. */
public final class PubSub {

    /** Runs after a message is added to a subscriber's output (its output-buffer limits are checked). */
    private final Consumer<Client> afterDelivery;

    PubSub(Consumer<Client> afterDelivery) {
        this.afterDelivery = afterDelivery;
    }


    private static final byte[] MESSAGE = "message".getBytes();
    private static final byte[] PMESSAGE = "pmessage".getBytes();

    private final Map<Bytes, Set<Client>> channels = new HashMap<>();
    private final Map<Bytes, Set<Client>> patterns = new LinkedHashMap<>();

    /** Returns true when the client was not yet subscribed. */
    public boolean subscribe(Client client, byte[] channel) {
        Bytes name = Bytes.of(channel);
        if (!client.channels().add(name)) {
            return false;
        }
        channels.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(client);
        return true;
    }

    public boolean unsubscribe(Client client, byte[] channel) {
        Bytes name = Bytes.of(channel);
        if (!client.channels().remove(name)) {
            return false;
        }
        removeFrom(channels, name, client);
        return true;
    }

    public boolean psubscribe(Client client, byte[] pattern) {
        Bytes name = Bytes.of(pattern);
        if (!client.patterns().add(name)) {
            return false;
        }
        patterns.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(client);
        return true;
    }

    public boolean punsubscribe(Client client, byte[] pattern) {
        Bytes name = Bytes.of(pattern);
        if (!client.patterns().remove(name)) {
            return false;
        }
        removeFrom(patterns, name, client);
        return true;
    }

    private static void removeFrom(Map<Bytes, Set<Client>> map, Bytes name, Client client) {
        Set<Client> set = map.get(name);
        if (set != null) {
            set.remove(client);
            if (set.isEmpty()) {
                map.remove(name);
            }
        }
    }

    /** Drops every subscription of a client that disconnected or was RESET. */
    public void removeClient(Client client) {
        for (Bytes name : List.copyOf(client.channels())) {
            unsubscribe(client, name.bytes());
        }
        for (Bytes name : List.copyOf(client.patterns())) {
            punsubscribe(client, name.bytes());
        }
    }

    /** Delivers a message; returns the number of clients that received it (PUBLISH's reply). */
    public int publish(byte[] channel, byte[] message) {
        int receivers = 0;
        Set<Client> subscribers = channels.get(Bytes.of(channel));
        if (subscribers != null) {
            for (Client client : subscribers) {
                RespWriter out = client.writer();
                out.push(3).bulk(MESSAGE).bulk(channel).bulk(message);
                client.markPending();
                afterDelivery.accept(client);
                receivers++;
            }
        }
        for (Map.Entry<Bytes, Set<Client>> entry : patterns.entrySet()) {
            byte[] pattern = entry.getKey().bytes();
            if (GlobMatcher.matches(pattern, channel)) {
                for (Client client : entry.getValue()) {
                    client.writer().push(4).bulk(PMESSAGE).bulk(pattern).bulk(channel).bulk(message);
                    client.markPending();
                    afterDelivery.accept(client);
                    receivers++;
                }
            }
        }
        return receivers;
    }

    /** Active channels, optionally matching a pattern (PUBSUB CHANNELS). */
    public List<byte[]> channels(byte[] pattern) {
        List<byte[]> names = new ArrayList<>();
        for (Bytes name : channels.keySet()) {
            if (pattern == null || GlobMatcher.matches(pattern, name.bytes())) {
                names.add(name.bytes());
            }
        }
        return names;
    }

    public int subscribers(byte[] channel) {
        Set<Client> set = channels.get(Bytes.of(channel));
        return set == null ? 0 : set.size();
    }

    public int channelCount() {
        return channels.size();
    }

    public int patternCount() {
        return patterns.size();
    }
}
