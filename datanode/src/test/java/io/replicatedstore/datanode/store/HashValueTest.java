package io.replicatedstore.datanode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashValueTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static List<String> fields(HashValue h) {
        List<String> out = new ArrayList<>();
        h.forEach((f, v) -> out.add(s(f)));
        return out;
    }

    @Test
    void putGetRemove() {
        HashValue h = new HashValue();
        assertThat(h.put(b("a"), b("1"))).isTrue();
        assertThat(h.put(b("b"), b("2"))).isTrue();
        assertThat(h.put(b("a"), b("3"))).isFalse();
        assertThat(h.get(b("a"))).isEqualTo(b("3"));
        assertThat(h.entry(b("b")).value()).isEqualTo(b("2"));
        assertThat(h.entry(b("b")).field()).isEqualTo(b("b"));
        assertThat(h.get(b("zz"))).isNull();
        assertThat(h.contains(b("b"))).isTrue();
        assertThat(h.size()).isEqualTo(2);
        assertThat(h.remove(b("a"))).isTrue();
        assertThat(h.remove(b("a"))).isFalse();
        assertThat(h.contains(b("a"))).isFalse();
        assertThat(h.size()).isEqualTo(1);
        assertThat(h.remove(b("b"))).isTrue();
        assertThat(h.isEmpty()).isTrue();
        assertThat(h.randomEntry(new Random())).isNull();
        assertThat(h.put(new byte[0], new byte[0])).isTrue(); // empty field is a real field
        assertThat(h.get(new byte[0])).isEmpty();
    }

    @Test
    void listpackKeepsInsertionOrderLikeRedis() {
        HashValue h = new HashValue();
        for (String f : new String[] {"a", "b", "c", "d", "e"}) {
            h.put(b(f), b(f));
        }
        h.put(b("b"), b("updated")); // in-place update keeps position
        h.remove(b("a"));
        h.remove(b("c"));
        h.put(b("a"), b("again"));
        assertThat(fields(h)).containsExactly("b", "d", "e", "a");
        List<String> viaIterator = new ArrayList<>();
        for (HashValue.Entry e : h) {
            viaIterator.add(s(e.field()));
        }
        assertThat(viaIterator).containsExactly("b", "d", "e", "a");
    }

    @Test
    void encodingConvertsOnEntriesAndIsSticky() {
        HashValue h = new HashValue();
        for (int i = 0; i < 128; i++) {
            h.put(b("f" + i), b("v"));
            h.updateEncoding(128, 64);
        }
        assertThat(h.encoding()).isEqualTo("listpack");
        h.put(b("one-more"), b("v"));
        h.updateEncoding(128, 64);
        assertThat(h.encoding()).isEqualTo("hashtable");
        for (int i = 0; i < 128; i++) {
            h.remove(b("f" + i));
        }
        h.updateEncoding(128, 64);
        assertThat(h.encoding()).isEqualTo("hashtable");
    }

    @Test
    void encodingConvertsOnLongFieldOrValue() {
        HashValue h = new HashValue();
        h.put(b("x".repeat(64)), b("y".repeat(64)));
        h.updateEncoding(128, 64);
        assertThat(h.encoding()).isEqualTo("listpack");
        h.put(b("k"), b("y".repeat(65)));
        h.updateEncoding(128, 64);
        assertThat(h.encoding()).isEqualTo("hashtable");

        HashValue longField = new HashValue();
        longField.put(b("x".repeat(65)), b("1"));
        longField.updateEncoding(128, 64);
        assertThat(longField.encoding()).isEqualTo("hashtable");

        HashValue zero = new HashValue();
        zero.put(b("a"), b("1"));
        zero.updateEncoding(0, 64);
        assertThat(zero.encoding()).isEqualTo("hashtable");
    }

    @Test
    void listpackScanReturnsEverythingAtOnce() {
        HashValue h = new HashValue();
        for (int i = 0; i < 50; i++) {
            h.put(b("f" + i), b("v" + i));
        }
        h.updateEncoding(128, 64);
        Map<String, String> seen = new HashMap<>();
        assertThat(h.scan(0, 1, (f, v) -> seen.put(s(f), s(v)))).isZero();
        assertThat(seen).hasSize(50).containsEntry("f7", "v7");
    }

    @Test
    void hashtableScanVisitsAllWithoutChanges() {
        HashValue h = hashtableOf(1000);
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int calls = 0;
        do {
            cursor = h.scan(cursor, 10, (f, v) -> assertThat(seen.add(s(f))).isTrue());
            calls++;
        } while (cursor != 0);
        assertThat(seen).hasSize(1000);
        assertThat(calls).isEqualTo(100);
        // Stale or out-of-range cursors are safe: they just restart at the end.
        assertThat(h.scan(123_456_789L, 10, (f, v) -> { })).isEqualTo(990);
        assertThat(h.scan(-5, 10, (f, v) -> { })).isEqualTo(990);
        assertThat(new HashValue().scan(0, 10, (f, v) -> { })).isZero();
    }

    private static HashValue hashtableOf(int n) {
        HashValue h = new HashValue();
        for (int i = 0; i < n; i++) {
            h.put(b("f" + i), b("v" + i));
        }
        h.updateEncoding(0, 64); // force "hashtable" even when small
        assertThat(h.encoding()).isEqualTo("hashtable");
        return h;
    }

    @Test
    void scanGuaranteeHoldsUnderConcurrentWrites() {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + rnd.nextInt(400);
            HashValue h = hashtableOf(n);
            Set<String> present = new HashSet<>();
            h.forEach((f, v) -> present.add(s(f)));
            Set<String> mustSee = new HashSet<>(present); // present at start, never deleted
            Set<String> seen = new HashSet<>();
            int next = n;
            long cursor = 0;
            int calls = 0;
            do {
                cursor = h.scan(cursor, 1 + rnd.nextInt(20), (f, v) -> seen.add(s(f)));
                calls++;
                int writes = rnd.nextInt(15);
                for (int w = 0; w < writes; w++) {
                    if (rnd.nextBoolean() && !present.isEmpty()) {
                        String victim = present.stream().skip(rnd.nextInt(present.size())).findFirst().orElseThrow();
                        assertThat(h.remove(b(victim))).isTrue();
                        present.remove(victim);
                        mustSee.remove(victim);
                    } else {
                        String f = "f" + next++;
                        h.put(b(f), b("new"));
                        present.add(f);
                    }
                }
            } while (cursor != 0);
            assertThat(calls).isLessThanOrEqualTo(n + 1);
            assertThat(seen).containsAll(mustSee);
        }
    }

    @Test
    void randomEntryIsRoughlyUniform() {
        HashValue h = hashtableOf(200);
        for (int i = 0; i < 190; i++) {
            h.remove(b("f" + i)); // exercise swap-remove before sampling
        }
        Random rnd = new Random(3);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            counts.merge(s(h.randomEntry(rnd).field()), 1, Integer::sum);
        }
        assertThat(counts).hasSize(10);
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(9_000, 11_000));
    }

    @Test
    void randomDistinctEntries() {
        HashValue h = new HashValue();
        for (int i = 0; i < 20; i++) {
            h.put(b("f" + i), b("v"));
        }
        Random rnd = new Random(5);
        for (int count : new int[] {0, 1, 3, 10, 19}) {
            List<HashValue.Entry> picked = h.randomDistinctEntries(count, rnd);
            assertThat(picked).hasSize(count).doesNotHaveDuplicates();
        }
        assertThat(h.randomDistinctEntries(20, rnd)).extracting(e -> s(e.field())).containsExactlyElementsOf(fields(h));
        assertThat(h.randomDistinctEntries(500, rnd)).hasSize(20);
    }

    @Test
    void sampleDistinctIsUniformInBothStrategies() {
        Random rnd = new Random(11);
        for (int[] nk : new int[][] {{10, 3}, {100, 3}, {8, 7}}) {
            int n = nk[0];
            int k = nk[1];
            int[] hits = new int[n];
            int[] firsts = new int[n];
            int trials = 100_000;
            for (int t = 0; t < trials; t++) {
                int[] idx = HashValue.sampleDistinct(n, k, rnd);
                if (t < 1000) {
                    assertThat(idx).hasSize(k).doesNotHaveDuplicates();
                    assertThat(Arrays.stream(idx).allMatch(i -> i >= 0 && i < n)).isTrue();
                }
                for (int i : idx) {
                    hits[i]++;
                }
                firsts[idx[0]]++;
            }
            double expectedHits = (double) trials * k / n;
            double expectedFirst = (double) trials / n;
            for (int i = 0; i < n; i++) {
                assertThat((double) hits[i]).isBetween(expectedHits * 0.9, expectedHits * 1.1);
                assertThat((double) firsts[i]).isBetween(expectedFirst * 0.8, expectedFirst * 1.2);
            }
        }
        assertThat(HashValue.sampleDistinct(3, 5, rnd)).containsExactly(0, 1, 2);
        assertThat(HashValue.sampleDistinct(0, 0, rnd)).isEmpty();
    }

    @Test
    void randomOperationsMatchLinkedHashMap() {
        Random rnd = new Random(99);
        for (int round = 0; round < 30; round++) {
            HashValue h = new HashValue();
            Map<String, String> model = new LinkedHashMap<>();
            int maxEntries = round % 2 == 0 ? 1_000_000 : 64; // odd rounds convert midway
            for (int op = 0; op < 2000; op++) {
                String f = "f" + rnd.nextInt(150);
                switch (rnd.nextInt(4)) {
                    case 0, 1 -> {
                        String v = "v" + rnd.nextInt(1000);
                        assertThat(h.put(b(f), b(v))).isEqualTo(!model.containsKey(f));
                        model.put(f, v);
                    }
                    case 2 -> assertThat(h.remove(b(f))).isEqualTo(model.remove(f) != null);
                    default -> {
                        byte[] got = h.get(b(f));
                        assertThat(got == null ? null : s(got)).isEqualTo(model.get(f));
                    }
                }
                h.updateEncoding(maxEntries, 64);
                assertThat(h.size()).isEqualTo(model.size());
                if (op % 25 == 0) {
                    Map<String, String> actual = new LinkedHashMap<>();
                    h.forEach((k, v) -> actual.put(s(k), s(v)));
                    if (h.encoding().equals("listpack")) {
                        assertThat(actual.keySet()).containsExactlyElementsOf(model.keySet());
                    }
                    assertThat(actual).isEqualTo(model);
                    assertThat(h.memoryUsage()).isPositive();
                }
            }
        }
    }

    @Test
    void memoryUsageGrows() {
        HashValue h = new HashValue();
        h.put(b("a"), b("1"));
        long small = h.memoryUsage();
        HashValue big = hashtableOf(1000);
        assertThat(small).isBetween(20L, 200L);
        assertThat(big.memoryUsage()).isGreaterThan(20_000);
    }
}
