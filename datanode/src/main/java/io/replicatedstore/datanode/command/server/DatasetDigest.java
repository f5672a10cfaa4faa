package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.resp.DoubleFormat;
import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.HashValue;
import io.replicatedstore.datanode.store.Keyspace;
import io.replicatedstore.datanode.store.ListValue;
import io.replicatedstore.datanode.store.SetValue;
import io.replicatedstore.datanode.store.StreamId;
import io.replicatedstore.datanode.store.StreamValue;
import io.replicatedstore.datanode.store.ZSetValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * DEBUG DIGEST and DIGEST-VALUE: Redis's SHA1-based fingerprint of a dataset or a value, computed
 * the same way so a dataset here and the same dataset in redis-server give the same 40 hex digits.
 * Unordered things (keys, set members, hash fields, zset members) are combined by XOR of their
 * SHA1s ("xor", applied to a pair's own 20-byte digest for key/value, field/value, member/score); ordered things (list elements, a key then its value) are chained so that order
 * counts: digest = SHA1(digest XOR SHA1(data)) ("mix"). Each value starts with its RDB object type
 * as 4 big-endian bytes; a key with a time to live adds the string "!!expire!!" (not the time).
 */
public final class DatasetDigest {

    /** Redis's OBJ_* type numbers. */
    private static final int STRING = 0;
    private static final int LIST = 1;
    private static final int SET = 2;
    private static final int ZSET = 3;
    private static final int HASH = 4;
    private static final int STREAM = 6;
    private static final byte[] EXPIRE_MARK = "!!expire!!".getBytes(StandardCharsets.US_ASCII);

    private DatasetDigest() {
    }

    /** The whole keyspace's digest as hex; 40 zeros when it is empty. Expired keys not yet deleted count, as in Redis. */
    public static String ofDataset(Keyspace keyspace) {
        byte[] result = new byte[20];
        for (int i = 0; i < keyspace.count(); i++) {
            Database db = keyspace.db(i);
            if (db.size() == 0) {
                continue;
            }
            mix(result, intBytes(i));
            db.forEach((key, value) -> {
                byte[] digest = new byte[20];
                mix(digest, key);
                value(digest, value, db.expireAt(key) >= 0);
                xor(result, sha1(digest));
            });
        }
        return HexFormat.of().formatHex(result);
    }

    /** One value's digest as hex (DEBUG DIGEST-VALUE); 40 zeros for a missing key (null value). */
    public static String ofValue(Object value, boolean hasTtl) {
        byte[] digest = new byte[20];
        if (value != null) {
            value(digest, value, hasTtl);
        }
        return HexFormat.of().formatHex(digest);
    }

    private static void value(byte[] digest, Object value, boolean hasTtl) {
        if (value instanceof byte[] string) {
            mix(digest, intBytes(STRING));
            mix(digest, string);
        } else if (value instanceof ListValue list) {
            mix(digest, intBytes(LIST));
            for (byte[] element : list) {
                mix(digest, element);
            }
        } else if (value instanceof SetValue set) {
            mix(digest, intBytes(SET));
            for (byte[] member : set) {
                xor(digest, sha1(member));
            }
        } else if (value instanceof ZSetValue zset) {
            mix(digest, intBytes(ZSET));
            for (ZSetValue.Node node = zset.first(); node != null; node = node.next()) {
                byte[] element = new byte[20];
                mix(element, node.member());
                mix(element, DoubleFormat.reply(node.score()).getBytes(StandardCharsets.US_ASCII));
                xor(digest, sha1(element));
            }
        } else if (value instanceof HashValue hash) {
            mix(digest, intBytes(HASH));
            for (HashValue.Entry entry : hash) {
                byte[] element = new byte[20];
                mix(element, entry.field());
                mix(element, entry.value());
                xor(digest, sha1(element));
            }
        } else if (value instanceof StreamValue stream) {
            // Live entries in order: "ms.seq", then each field and value (groups are not digested, as in Redis).
            mix(digest, intBytes(STREAM));
            for (StreamValue.Entry entry : stream.range(StreamId.MIN, StreamId.MAX, 0, false)) {
                mix(digest, (Long.toUnsignedString(entry.id().ms()) + "." + Long.toUnsignedString(entry.id().seq()))
                        .getBytes(StandardCharsets.US_ASCII));
                for (byte[] element : entry.fieldsAndValues()) {
                    mix(digest, element);
                }
            }
        } else {
            throw new IllegalArgumentException("no digest for " + value.getClass().getSimpleName());
        }
        if (hasTtl) {
            xor(digest, sha1(EXPIRE_MARK));
        }
    }

    /** digest ^= hash; with hash = SHA1(data), the order-independent combination. */
    private static void xor(byte[] digest, byte[] hash) {
        for (int i = 0; i < 20; i++) {
            digest[i] ^= hash[i];
        }
    }

    /** digest = SHA1(digest ^ SHA1(data)): order-dependent combination. */
    static void mix(byte[] digest, byte[] data) {
        xor(digest, sha1(data));
        System.arraycopy(sha1(digest), 0, digest, 0, 20);
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
