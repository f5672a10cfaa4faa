package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.config.KeptOptions;

import java.nio.charset.StandardCharsets;

/**
 * Keyspace notifications (Redis's notify.c): when a class enabled by notify-keyspace-events
 * happens to a key, {@code __keyspace@<db>__:<key>} gets the event name and
 * {@code __keyevent@<db>__:<event>} gets the key, through the ordinary pub/sub.
 */
public final class KeyspaceEvents {

    public static final int GENERIC = KeptOptions.GENERIC;
    public static final int STRING = KeptOptions.STRING;
    public static final int LIST = KeptOptions.LIST;
    public static final int SET = KeptOptions.SET;
    public static final int HASH = KeptOptions.HASH;
    public static final int ZSET = KeptOptions.ZSET;
    public static final int EXPIRED = KeptOptions.EXPIRED;
    public static final int EVICTED = KeptOptions.EVICTED;
    public static final int STREAM = KeptOptions.STREAM;
    public static final int KEY_MISS = KeptOptions.KEY_MISS;
    public static final int NEW = KeptOptions.NEW;

    private static final byte[] KEYSPACE_PREFIX = ascii("__keyspace@");
    private static final byte[] KEYEVENT_PREFIX = ascii("__keyevent@");
    private static final byte[] SEPARATOR = ascii("__:");

    private final Config config;
    private final PubSub pubsub;

    KeyspaceEvents(Config config, PubSub pubsub) {
        this.config = config;
        this.pubsub = pubsub;
    }

    /** Whether events of this class are published at all (so callers may skip building them). */
    public boolean enabled(int type) {
        return (config.notifyKeyspaceEvents.get() & type) != 0;
    }

    /** Publishes {@code event} on {@code key} of database {@code db} if its class is enabled. */
    public void notify(int type, String event, byte[] key, int db) {
        int flags = config.notifyKeyspaceEvents.get();
        if ((flags & type) == 0) {
            return;
        }
        byte[] eventName = ascii(event);
        byte[] dbId = ascii(Integer.toString(db));
        if ((flags & KeptOptions.KEYSPACE) != 0) {
            pubsub.publish(channel(KEYSPACE_PREFIX, dbId, key), eventName);
        }
        if ((flags & KeptOptions.KEYEVENT) != 0) {
            pubsub.publish(channel(KEYEVENT_PREFIX, dbId, eventName), key);
        }
    }

    private static byte[] channel(byte[] prefix, byte[] db, byte[] suffix) {
        byte[] out = new byte[prefix.length + db.length + SEPARATOR.length + suffix.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(db, 0, out, prefix.length, db.length);
        System.arraycopy(SEPARATOR, 0, out, prefix.length + db.length, SEPARATOR.length);
        System.arraycopy(suffix, 0, out, prefix.length + db.length + SEPARATOR.length, suffix.length);
        return out;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
