package io.replicatedstore.datanode.persist.rdb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.replicatedstore.datanode.persist.rdb.RdbConstants.*;

/**
 * Test helper: walks an RDB written by RdbWriter (Redis 7.0 types only) and keeps each key's
 * raw layout (type byte, and the blobs or node list as stored), so tests can check which
 * encoding the writer chose and how it shaped quicklist nodes.
 */
final class RdbDump {

    /** A quicklist node: its container and data (a listpack, or the element of a PLAIN node). */
    record Node(int container, byte[] data) {
    }

    /**
     * One key: its type, either the blob (string value, listpack, intset) or nodes/count, and the
     * raw bytes of the record from the type byte to the end of the value (expiry excluded).
     */
    record Key(int type, byte[] blob, List<Node> nodes, long count, byte[] raw) {
        Key withRaw(byte[] bytes) {
            return new Key(type, blob, nodes, count, bytes);
        }
    }

    final Map<String, Key> keys = new LinkedHashMap<>();
    long trailer;

    static RdbDump of(byte[] rdb) throws IOException {
        RdbDump dump = new RdbDump();
        RdbInput in = new RdbInput(new ByteArrayInputStream(rdb), rdb.length);
        byte[] magic = new byte[9];
        in.readFully(magic, 0, 9);
        while (true) {
            int start = (int) in.offset();
            int type = in.readByte();
            switch (type) {
                case OPCODE_EOF -> {
                    dump.trailer = in.readTrailerLongLE();
                    return dump;
                }
                case OPCODE_AUX -> {
                    in.readString();
                    in.readString();
                }
                case OPCODE_SELECTDB -> in.readLength();
                case OPCODE_RESIZEDB -> {
                    in.readLength();
                    in.readLength();
                }
                case OPCODE_EXPIRETIME_MS -> in.readLongLE();
                default -> {
                    String key = RdbTestValues.s(in.readString());
                    Key value = readValue(in, type);
                    dump.keys.put(key, value.withRaw(Arrays.copyOfRange(rdb, start, (int) in.offset())));
                }
            }
        }
    }

    private static Key readValue(RdbInput in, int type) throws IOException {
        switch (type) {
            case TYPE_STRING, TYPE_SET_INTSET, TYPE_HASH_LISTPACK, TYPE_ZSET_LISTPACK:
                return new Key(type, in.readString(), null, 1, null);
            case TYPE_LIST_QUICKLIST_2: {
                long n = in.readLength();
                List<Node> nodes = new ArrayList<>();
                for (long i = 0; i < n; i++) {
                    int container = (int) in.readLength();
                    nodes.add(new Node(container, in.readString()));
                }
                return new Key(type, null, nodes, n, null);
            }
            case TYPE_SET: {
                long n = in.readLength();
                for (long i = 0; i < n; i++) {
                    in.readString();
                }
                return new Key(type, null, null, n, null);
            }
            case TYPE_HASH: {
                long n = in.readLength();
                for (long i = 0; i < 2 * n; i++) {
                    in.readString();
                }
                return new Key(type, null, null, n, null);
            }
            case TYPE_ZSET_2: {
                long n = in.readLength();
                for (long i = 0; i < n; i++) {
                    in.readString();
                    in.readLongLE();
                }
                return new Key(type, null, null, n, null);
            }
            default:
                throw new IllegalStateException("RdbDump does not know type " + type);
        }
    }

    Key key(String name) {
        Key k = keys.get(name);
        if (k == null) {
            throw new IllegalArgumentException("no key " + name + " in " + keys.keySet());
        }
        return k;
    }
}
