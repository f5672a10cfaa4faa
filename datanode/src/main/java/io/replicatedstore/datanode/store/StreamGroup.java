package io.replicatedstore.datanode.store;

import java.util.TreeMap;

/**
 * A consumer group of a stream (Redis's streamCG): the last id delivered, the logical read
 * counter (entries-read, -1 when unknown), the pending entries list (entries delivered and not
 * acknowledged, each owned by one consumer) and the consumers, ordered by name as Redis's rax
 * orders them.
 */
public final class StreamGroup {

    /** Redis's SCG_INVALID_ENTRIES_READ. */
    public static final long INVALID_ENTRIES_READ = -1;

    /** A pending entry (Redis's streamNACK). */
    public static final class Pending {
        public long deliveryTime;
        public long deliveryCount;
        public Consumer consumer;

        public Pending(Consumer consumer, long deliveryTime, long deliveryCount) {
            this.consumer = consumer;
            this.deliveryTime = deliveryTime;
            this.deliveryCount = deliveryCount;
        }
    }

    /** A consumer: its name, when it was last seen, and the pending entries it owns. */
    public static final class Consumer {
        public final byte[] name;
        public long seenTime;
        public final TreeMap<StreamId, Pending> pending = new TreeMap<>();

        public Consumer(byte[] name, long seenTime) {
            this.name = name;
            this.seenTime = seenTime;
        }
    }

    public StreamId lastId;
    public long entriesRead;
    public final TreeMap<StreamId, Pending> pending = new TreeMap<>();
    public final TreeMap<Bytes, Consumer> consumers = new TreeMap<>();

    public StreamGroup(StreamId lastId, long entriesRead) {
        this.lastId = lastId;
        this.entriesRead = entriesRead;
    }

    public Consumer consumer(byte[] name) {
        return consumers.get(Bytes.of(name));
    }

    /** A new consumer, or null if one has that name (streamCreateConsumer). */
    public Consumer createConsumer(byte[] name, long nowMs) {
        Bytes key = Bytes.of(name);
        if (consumers.containsKey(key)) {
            return null;
        }
        Consumer consumer = new Consumer(name, nowMs);
        consumers.put(key, consumer);
        return consumer;
    }

    /** Removes a consumer and its pending entries from the group (streamDelConsumer). */
    public void deleteConsumer(Consumer consumer) {
        for (StreamId id : consumer.pending.keySet()) {
            pending.remove(id);
        }
        consumers.remove(Bytes.of(consumer.name));
    }

    /** Gives a pending entry to a consumer, taking it from its previous owner. */
    public void assign(StreamId id, Pending nack, Consumer to) {
        if (nack.consumer != to) {
            nack.consumer.pending.remove(id);
            nack.consumer = to;
        }
        to.pending.put(id, nack);
    }

    /** Acknowledges an id: true if it was pending. */
    public boolean ack(StreamId id) {
        Pending nack = pending.remove(id);
        if (nack == null) {
            return false;
        }
        nack.consumer.pending.remove(id);
        return true;
    }

    /** A deep copy (COPY, snapshots of tests). */
    public StreamGroup copy() {
        StreamGroup copy = new StreamGroup(lastId, entriesRead);
        for (Consumer consumer : consumers.values()) {
            Consumer c = copy.createConsumer(consumer.name.clone(), consumer.seenTime);
            for (var e : consumer.pending.entrySet()) {
                Pending p = new Pending(c, e.getValue().deliveryTime, e.getValue().deliveryCount);
                c.pending.put(e.getKey(), p);
                copy.pending.put(e.getKey(), p);
            }
        }
        return copy;
    }
}
