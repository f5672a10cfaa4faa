package io.replicatedstore.datanode.persist.rdb;

import io.replicatedstore.datanode.store.Bytes;
import io.replicatedstore.datanode.store.HashValue;
import io.replicatedstore.datanode.store.ListValue;
import io.replicatedstore.datanode.store.SetValue;
import io.replicatedstore.datanode.store.ZSetValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.replicatedstore.datanode.persist.rdb.RdbConstants.*;

/**
 * Reads one value of a given RDB type into our value classes, for every type Redis 7.0 can load
 * (modules excepted). An empty stream is a value (Redis keeps empty streams). Each value gets the encoding Redis would give it after loading
 * (e.g. a big SET_INTSET becomes a hashtable set, a small HASH a listpack one). Duplicate members
 * or fields and NaN scores are corruption, as in Redis; an empty collection is returned as null
 * so the key is skipped, as Redis skips empty keys.
 */
final class RdbObjectReader {

    private final RdbInput in;
    private final EncodingLimits limits;

    RdbObjectReader(RdbInput in, EncodingLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** Whether a type byte introduces a key (rdbIsObjectType). */
    static boolean isValueType(int type) {
        return (type >= 0 && type <= 7) || (type >= 9 && type <= 19);
    }

    /** The value of the given type, or null for an empty collection (to be skipped). */
    Object read(int type) throws IOException {
        return switch (type) {
            case TYPE_STRING -> in.readString();
            case TYPE_LIST -> readLinkedList();
            case TYPE_SET -> readSet();
            case TYPE_ZSET, TYPE_ZSET_2 -> readZSet(type == TYPE_ZSET_2);
            case TYPE_HASH -> readHash();
            case TYPE_LIST_QUICKLIST, TYPE_LIST_QUICKLIST_2 -> readQuicklist(type == TYPE_LIST_QUICKLIST_2);
            case TYPE_HASH_ZIPMAP -> readHashBlob(type);
            case TYPE_LIST_ZIPLIST -> readListZiplist();
            case TYPE_SET_INTSET -> readIntset();
            case TYPE_ZSET_ZIPLIST, TYPE_ZSET_LISTPACK -> readZSetBlob(type);
            case TYPE_HASH_ZIPLIST, TYPE_HASH_LISTPACK -> readHashBlob(type);
            case TYPE_MODULE, TYPE_MODULE_2 -> throw in.error("the RDB holds a module value ("
                    + typeName(type) + "); modules are not supported");
            case TYPE_STREAM_LISTPACKS, TYPE_STREAM_LISTPACKS_2 -> StreamRdb.read(in, type == TYPE_STREAM_LISTPACKS_2);
            default -> throw in.error("unknown RDB value type " + type);
        };
    }

    // ---- lists -----------------------------------------------------------------------------

    /** LIST: the pre-3.2 plain list, a count then each element as a string. */
    private ListValue readLinkedList() throws IOException {
        int n = in.readCount("list length", 1);
        ListValue list = new ListValue();
        for (int i = 0; i < n; i++) {
            list.pushLast(in.readString());
        }
        return finish(list);
    }

    /** QUICKLIST (ziplist nodes) and QUICKLIST_2 (a container kind, then a listpack or one element). */
    private ListValue readQuicklist(boolean v2) throws IOException {
        int nodes = in.readCount("quicklist node count", 2);
        ListValue list = new ListValue();
        for (int i = 0; i < nodes; i++) {
            int container = QUICKLIST_NODE_PACKED;
            if (v2) {
                long at = in.offset();
                long c = in.readLength();
                if (c != QUICKLIST_NODE_PACKED && c != QUICKLIST_NODE_PLAIN) {
                    throw in.error("invalid quicklist node container " + c, at);
                }
                container = (int) c;
            }
            long at = in.offset();
            byte[] data = in.readString();
            if (data.length == 0) {
                throw in.error("empty quicklist node", at);
            }
            if (container == QUICKLIST_NODE_PLAIN) {
                list.pushLast(data);
                continue;
            }
            // Empty packed nodes are skipped, as Redis does.
            for (byte[] e : decode(v2 ? Blob.LISTPACK : Blob.ZIPLIST, data, at)) {
                list.pushLast(e);
            }
        }
        return finish(list);
    }

    private ListValue readListZiplist() throws IOException {
        long at = in.offset();
        ListValue list = new ListValue();
        for (byte[] e : decode(Blob.ZIPLIST, in.readString(), at)) {
            list.pushLast(e);
        }
        return finish(list);
    }

    private ListValue finish(ListValue list) {
        if (list.isEmpty()) {
            return null;
        }
        list.updateEncoding(limits.listMaxListpackSize());
        return list;
    }

    // ---- sets ------------------------------------------------------------------------------

    private SetValue readSet() throws IOException {
        int n = in.readCount("set size", 1);
        SetValue set = new SetValue();
        for (int i = 0; i < n; i++) {
            long at = in.offset();
            if (!set.add(in.readString())) {
                throw in.error("duplicate set member", at);
            }
        }
        return finish(set);
    }

    private SetValue readIntset() throws IOException {
        long at = in.offset();
        byte[] blob = in.readString();
        long[] values;
        try {
            values = IntsetDecoder.decode(blob);
        } catch (BlobFormatException e) {
            throw in.error("corrupt intset: " + e.getMessage(), at);
        }
        SetValue set = new SetValue();
        for (long v : values) {
            set.add(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
        }
        return finish(set);
    }

    private SetValue finish(SetValue set) {
        if (set.isEmpty()) {
            return null;
        }
        set.updateEncoding(EncodingLimits.clamp(limits.setMaxIntsetEntries()));
        return set;
    }

    // ---- sorted sets -----------------------------------------------------------------------

    /** ZSET (scores as text) and ZSET_2 (scores as little-endian binary doubles). */
    private ZSetValue readZSet(boolean binaryScores) throws IOException {
        int n = in.readCount("sorted set size", binaryScores ? 9 : 2);
        ZSetValue zset = new ZSetValue();
        for (int i = 0; i < n; i++) {
            long at = in.offset();
            byte[] member = in.readString();
            double score = binaryScores ? in.readDoubleLE() : readTextScore();
            if (Double.isNaN(score)) {
                throw in.error("sorted set score is NaN", at);
            }
            if (!zset.put(member, score)) {
                throw in.error("duplicate sorted set member", at);
            }
        }
        return finish(zset, limits.zsetMaxListpackValue());
    }

    /** A pre-RDB-8 score: a length byte (253 NaN, 254 +inf, 255 -inf) then that much text. */
    private double readTextScore() throws IOException {
        long at = in.offset();
        int len = in.readByte();
        switch (len) {
            case 253:
                return Double.NaN;
            case 254:
                return Double.POSITIVE_INFINITY;
            case 255:
                return Double.NEGATIVE_INFINITY;
            default:
                byte[] text = new byte[len];
                in.readFully(text, 0, len);
                Double v = Scores.parse(text);
                if (v == null) {
                    throw in.error("invalid sorted set score '" + Bytes.of(text) + "'", at);
                }
                return v;
        }
    }

    private ZSetValue readZSetBlob(int type) throws IOException {
        long at = in.offset();
        List<byte[]> items = decode(type == TYPE_ZSET_LISTPACK ? Blob.LISTPACK : Blob.ZIPLIST, in.readString(), at);
        if (items.size() % 2 != 0) {
            throw in.error("sorted set " + blobName(type) + " has an odd number of elements", at);
        }
        ZSetValue zset = new ZSetValue();
        for (int i = 0; i < items.size(); i += 2) {
            Double score = Scores.parse(items.get(i + 1));
            if (score == null || score.isNaN()) {
                throw in.error("invalid score '" + Bytes.of(items.get(i + 1)) + "' in a sorted set " + blobName(type), at);
            }
            if (!zset.put(items.get(i), score)) {
                throw in.error("duplicate member in a sorted set " + blobName(type), at);
            }
        }
        // Redis converts a loaded listpack by length only; long members stay listpack.
        return finish(zset, Long.MAX_VALUE);
    }

    private ZSetValue finish(ZSetValue zset, long maxValue) {
        if (zset.isEmpty()) {
            return null;
        }
        zset.updateEncoding(EncodingLimits.clamp(limits.zsetMaxListpackEntries()), EncodingLimits.clamp(maxValue));
        return zset;
    }

    // ---- hashes ----------------------------------------------------------------------------

    private HashValue readHash() throws IOException {
        int n = in.readCount("hash size", 2);
        HashValue hash = new HashValue();
        for (int i = 0; i < n; i++) {
            long at = in.offset();
            byte[] field = in.readString();
            if (!hash.put(field, in.readString())) {
                throw in.error("duplicate hash field", at);
            }
        }
        return finish(hash, limits.hashMaxListpackValue());
    }

    /** HASH_ZIPMAP, HASH_ZIPLIST, HASH_LISTPACK: field, value, field, value... in one blob. */
    private HashValue readHashBlob(int type) throws IOException {
        long at = in.offset();
        Blob kind = type == TYPE_HASH_LISTPACK ? Blob.LISTPACK : type == TYPE_HASH_ZIPLIST ? Blob.ZIPLIST : Blob.ZIPMAP;
        List<byte[]> items = decode(kind, in.readString(), at);
        if (items.size() % 2 != 0) {
            throw in.error("hash " + blobName(type) + " has an odd number of elements", at);
        }
        HashValue hash = new HashValue();
        for (int i = 0; i < items.size(); i += 2) {
            if (!hash.put(items.get(i), items.get(i + 1))) {
                throw in.error("duplicate field in a hash " + blobName(type), at);
            }
        }
        // A zipmap load checks value lengths too; ziplists and listpacks only their length.
        return finish(hash, type == TYPE_HASH_ZIPMAP ? limits.hashMaxListpackValue() : Long.MAX_VALUE);
    }

    private HashValue finish(HashValue hash, long maxValue) {
        if (hash.isEmpty()) {
            return null;
        }
        hash.updateEncoding(EncodingLimits.clamp(limits.hashMaxListpackEntries()), EncodingLimits.clamp(maxValue));
        return hash;
    }

    // ---- blobs -----------------------------------------------------------------------------

    private enum Blob { LISTPACK, ZIPLIST, ZIPMAP }

    private List<byte[]> decode(Blob kind, byte[] blob, long at) throws RdbFormatException {
        try {
            return switch (kind) {
                case LISTPACK -> ListpackDecoder.decode(blob);
                case ZIPLIST -> ZiplistDecoder.decode(blob);
                case ZIPMAP -> ZipmapDecoder.decode(blob);
            };
        } catch (BlobFormatException e) {
            throw in.error("corrupt " + kind.name().toLowerCase() + ": " + e.getMessage(), at);
        }
    }

    private static String blobName(int type) {
        return switch (type) {
            case TYPE_ZSET_LISTPACK, TYPE_HASH_LISTPACK -> "listpack";
            case TYPE_HASH_ZIPMAP -> "zipmap";
            default -> "ziplist";
        };
    }
}
