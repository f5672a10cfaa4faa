package io.replicatedstore.datanode.persist.rdb;

import io.replicatedstore.datanode.store.HashValue;
import io.replicatedstore.datanode.store.ListValue;
import io.replicatedstore.datanode.store.SetValue;
import io.replicatedstore.datanode.store.ZSetValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Value helpers for the RDB tests: building values from Java literals, and turning values into
 * plain comparable structures (bytes as ISO-8859-1 strings, which is lossless) so assertions
 * compare contents and print readable diffs.
 */
final class RdbTestValues {

    private RdbTestValues() {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static ListValue list(String... elements) {
        ListValue l = new ListValue();
        for (String e : elements) {
            l.pushLast(b(e));
        }
        return l;
    }

    static ListValue list(List<byte[]> elements) {
        ListValue l = new ListValue();
        elements.forEach(l::pushLast);
        return l;
    }

    static SetValue set(String... members) {
        SetValue set = new SetValue();
        for (String m : members) {
            set.add(b(m));
        }
        return set;
    }

    /** Pairs: field, value, field, value... */
    static HashValue hash(String... pairs) {
        HashValue h = new HashValue();
        for (int i = 0; i < pairs.length; i += 2) {
            h.put(b(pairs[i]), b(pairs[i + 1]));
        }
        return h;
    }

    static ZSetValue zset(Map<String, Double> scores) {
        ZSetValue z = new ZSetValue();
        scores.forEach((m, sc) -> z.put(b(m), sc));
        return z;
    }

    /**
     * A comparable view: String for strings, List for lists, sorted Set for sets, sorted Map for
     * hashes, member-to-score Map in score order for sorted sets (as a list of entries, so order
     * counts too).
     */
    static Object view(Object value) {
        if (value instanceof byte[] bytes) {
            return s(bytes);
        }
        if (value instanceof ListValue list) {
            List<String> out = new ArrayList<>();
            list.forEach(e -> out.add(s(e)));
            return out;
        }
        if (value instanceof SetValue set) {
            TreeSet<String> out = new TreeSet<>();
            set.forEach(m -> out.add(s(m)));
            return out;
        }
        if (value instanceof HashValue hash) {
            TreeMap<String, String> out = new TreeMap<>();
            hash.forEach((f, v) -> out.put(s(f), s(v)));
            return out;
        }
        if (value instanceof ZSetValue zset) {
            List<Map.Entry<String, Double>> out = new ArrayList<>();
            zset.forEach((m, sc) -> out.add(Map.entry(s(m), sc)));
            return out;
        }
        throw new IllegalArgumentException("not a value: " + value);
    }

    /** What OBJECT ENCODING would say for a loaded value, list limit as given. */
    static String encoding(Object value, int listMaxListpackSize) {
        if (value instanceof byte[]) {
            return "string";
        }
        if (value instanceof ListValue list) {
            return list.encoding(listMaxListpackSize);
        }
        if (value instanceof SetValue set) {
            return set.encoding();
        }
        if (value instanceof HashValue hash) {
            return hash.encoding();
        }
        return ((ZSetValue) value).encoding();
    }

    /** One entry as a sink received it, with the RDB type it was stored as. */
    record Loaded(int db, byte[] key, Object value, long expireAt, int rdbType) {
    }

    /** A sink that keeps everything in arrival order, keyed by "db:key" too. */
    static final class Collector implements RdbSink {
        final List<Loaded> entries = new ArrayList<>();
        final Map<String, Loaded> byKey = new LinkedHashMap<>();
        final Map<String, String> aux = new LinkedHashMap<>();
        final List<long[]> resizes = new ArrayList<>();
        final List<byte[]> functions = new ArrayList<>();
        boolean acceptFunctions;
        RdbReader reader;
        int db;

        @Override
        public void aux(String key, byte[] value) {
            aux.put(key, s(value));
        }

        @Override
        public void database(int db) {
            this.db = db;
        }

        @Override
        public void resizeDatabase(long size, long expiresSize) {
            resizes.add(new long[] {db, size, expiresSize});
        }

        @Override
        public void entry(byte[] key, Object value, long expireAtMs) {
            Loaded l = new Loaded(db, key, value, expireAtMs, reader == null ? -1 : reader.currentValueType());
            entries.add(l);
            byKey.put(db + ":" + s(key), l);
        }

        @Override
        public boolean function(byte[] libraryCode) {
            functions.add(libraryCode);
            return acceptFunctions;
        }

        Loaded get(int db, String key) {
            return byKey.get(db + ":" + key);
        }

        Loaded get(String key) {
            return get(0, key);
        }
    }

    /** Reads a whole RDB held in memory, in file mode (length known) or socket mode. */
    static Collector read(byte[] rdb, boolean knownLength, EncodingLimits limits) throws java.io.IOException {
        Collector c = new Collector();
        RdbReader reader = new RdbReader(new java.io.ByteArrayInputStream(rdb), knownLength ? rdb.length : -1, limits);
        c.reader = reader;
        reader.read(c);
        return c;
    }

    static Collector read(byte[] rdb) throws java.io.IOException {
        return read(rdb, true, EncodingLimits.DEFAULTS);
    }
}
