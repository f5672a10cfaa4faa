package io.replicatedstore.datanode.store;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A canonical text for a value, taken at once (values change right after). */
    private static String describe(Object value) {
        if (value instanceof byte[] bytes) {
            return "s:" + new String(bytes, StandardCharsets.UTF_8);
        }
        TreeMap<String, String> fields = new TreeMap<>();
        ((HashValue) value).forEach((f, v) -> fields.put(new String(f, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8)));
        return "h:" + fields;
    }

    private static Map<String, String> state(Keyspace keyspace) {
        Map<String, String> all = new TreeMap<>();
        for (int db = 0; db < keyspace.count(); db++) {
            int id = db;
            Database database = keyspace.db(db);
            database.forEach((key, value) -> all.put(id + "/" + new String(key, StandardCharsets.UTF_8),
                    describe(value) + " ttl=" + database.expireAt(key)));
        }
        return all;
    }

    /** Collects what a snapshot writes, described as it is written. */
    private static final class Capture implements Snapshot.EntrySink {
        final Map<String, String> entries = new TreeMap<>();
        final List<String> duplicates = new ArrayList<>();
        int db = -1;

        @Override
        public void database(int db, int size, int expiresSize) {
            this.db = db;
        }

        @Override
        public void entry(byte[] key, Object value, long expireAtMs) {
            String name = db + "/" + new String(key, StandardCharsets.UTF_8);
            if (entries.put(name, describe(value) + " ttl=" + expireAtMs) != null) {
                duplicates.add(name);
            }
        }
    }

    private static Keyspace populated(Random random, int keys) {
        Keyspace keyspace = new Keyspace(3, () -> 1_000L);
        for (int i = 0; i < keys; i++) {
            Database db = keyspace.db(random.nextInt(3));
            byte[] key = b("k" + i);
            if (random.nextBoolean()) {
                db.put(key, b("v" + i));
            } else {
                HashValue hash = new HashValue();
                hash.put(b("f"), b("x" + i));
                db.put(key, hash);
            }
            if (random.nextInt(4) == 0) {
                db.setExpireAt(key, 10_000L + i);
            }
        }
        return keyspace;
    }

    @RepeatedTest(20)
    void snapshotShowsTheKeyspaceAsItWasWhenItStartedWhateverHappensMeanwhile(RepetitionInfo run) {
        Random random = new Random(run.getCurrentRepetition());
        Keyspace keyspace = populated(random, 2_000);
        Map<String, String> atStart = state(keyspace);
        Capture capture = new Capture();
        Snapshot snapshot = keyspace.startSnapshot(capture);
        int next = 100_000;
        while (!snapshot.step(1 + random.nextInt(20))) {
            for (int change = 0; change < 10; change++) {
                Database db = keyspace.db(random.nextInt(3));
                byte[] key = b("k" + random.nextInt(2_500));
                switch (random.nextInt(8)) {
                    case 0 -> db.put(key, b("new" + next++));
                    case 1 -> db.delete(key);
                    case 2 -> {
                        // An in-place change, as HSET makes: the dispatcher reports the command first.
                        keyspace.beforeWrite(new byte[][] {b("hset"), key, b("f"), b("changed")});
                        Object value = db.get(key);
                        if (value instanceof HashValue hash) {
                            hash.put(b("f"), b("changed" + next++));
                        }
                    }
                    case 3 -> {
                        if (db.exists(key)) {
                            keyspace.beforeWrite(new byte[][] {b("pexpireat"), key, b("1")});
                            db.setExpireAt(key, 50_000L + next++);
                        }
                    }
                    case 4 -> db.put(b("fresh" + next++), b("x"));
                    case 5 -> {
                        if (random.nextInt(30) == 0) {
                            db.clear();
                        }
                    }
                    case 6 -> {
                        if (random.nextInt(30) == 0) {
                            keyspace.swap(0, 1 + random.nextInt(2));
                        }
                    }
                    default -> db.putKeepTtl(key, b("kept" + next++));
                }
            }
        }
        assertThat(capture.duplicates).isEmpty();
        assertThat(capture.entries).isEqualTo(atStart);
        assertThat(keyspace.snapshotInProgress()).isFalse();
    }

    @Test
    void tablesResizeAgainOnceTheSnapshotIsDone() {
        Keyspace keyspace = populated(new Random(1), 100);
        Snapshot snapshot = keyspace.startSnapshot(new Capture());
        Database db = keyspace.db(0);
        int before = db.valuesDict().capacity();
        for (int i = 0; i < 5_000; i++) {
            db.put(b("grow" + i), b("v"));
        }
        assertThat(db.valuesDict().capacity()).as("frozen while the snapshot runs").isEqualTo(before);
        while (!snapshot.step(1_000)) {
            // drain
        }
        assertThat(db.valuesDict().capacity()).isGreaterThan(before);
        assertThat(db.get(b("grow42"))).isEqualTo(b("v"));
    }

    @Test
    void twoSnapshotsCanRunAtOnce() {
        Keyspace keyspace = populated(new Random(2), 500);
        Map<String, String> atStart = state(keyspace);
        Capture first = new Capture();
        Snapshot one = keyspace.startSnapshot(first);
        one.step(10);
        keyspace.db(0).put(b("between"), b("x"));
        Map<String, String> atSecond = state(keyspace);
        Capture second = new Capture();
        Snapshot two = keyspace.startSnapshot(second);
        keyspace.db(0).put(b("after"), b("y"));
        while (!(one.step(7) & two.step(7))) {
            keyspace.db(1).delete(b("k" + 3));
        }
        while (!one.step(100) || !two.step(100)) {
            // finish both
        }
        assertThat(first.entries).isEqualTo(atStart);
        assertThat(second.entries).isEqualTo(atSecond);
    }
}
