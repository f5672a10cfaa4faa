package io.replicatedstore.datanode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SetValueTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static List<String> members(SetValue set) {
        List<String> out = new ArrayList<>();
        set.forEach(m -> out.add(s(m)));
        return out;
    }

    private static SetValue of(String... members) {
        SetValue set = new SetValue();
        for (String m : members) {
            set.add(b(m));
        }
        set.updateEncoding(512);
        return set;
    }

    @Test
    void addRemoveContains() {
        SetValue set = new SetValue();
        assertThat(set.add(b("a"))).isTrue();
        assertThat(set.add(b("a"))).isFalse();
        assertThat(set.add(b("b"))).isTrue();
        assertThat(set.contains(b("a"))).isTrue();
        assertThat(set.contains(b("c"))).isFalse();
        assertThat(set.size()).isEqualTo(2);
        assertThat(set.remove(b("a"))).isTrue();
        assertThat(set.remove(b("a"))).isFalse();
        assertThat(set.size()).isEqualTo(1);
        assertThat(set.popRandom(new Random(1))).isEqualTo(b("b"));
        assertThat(set.isEmpty()).isTrue();
        assertThat(set.popRandom(new Random(1))).isNull();
        assertThat(set.randomMember(new Random(1))).isNull();
    }

    @Test
    void intsetIteratesInNumericOrder() {
        SetValue set = of("10", "-5", "3", "9223372036854775807", "-9223372036854775808", "0", "2");
        assertThat(set.encoding()).isEqualTo("intset");
        List<String> expected = List.of("-9223372036854775808", "-5", "0", "2", "3", "10", "9223372036854775807");
        assertThat(members(set)).containsExactlyElementsOf(expected);
        assertThat(set.members()).extracting(SetValueTest::s).containsExactlyElementsOf(expected);
        List<String> scanned = new ArrayList<>();
        assertThat(set.scan(0, 1, m -> scanned.add(s(m)))).isZero();
        assertThat(scanned).containsExactlyElementsOf(expected);
        List<String> iterated = new ArrayList<>();
        for (byte[] m : set) {
            iterated.add(s(m));
        }
        assertThat(iterated).containsExactlyElementsOf(expected);
    }

    @Test
    void nonCanonicalIntegerMakesHashtable() {
        for (String m : new String[] {"abc", "01", "+1", "-0", "", " 1", "9223372036854775808", "1.5"}) {
            SetValue set = of("1", "2");
            set.add(b(m));
            set.updateEncoding(512);
            assertThat(set.encoding()).as(m).isEqualTo("hashtable");
            set.remove(b(m));
            set.updateEncoding(512);
            assertThat(set.encoding()).as(m).isEqualTo("hashtable"); // sticky
        }
    }

    @Test
    void nonIntegerAddedAndRemovedBeforeUpdateStillConverts() {
        // Redis converts at the moment of the add, so this mirrors it.
        SetValue set = of("1");
        set.add(b("x"));
        set.remove(b("x"));
        assertThat(members(set)).containsExactly("1");
        set.updateEncoding(512);
        assertThat(set.encoding()).isEqualTo("hashtable");
    }

    @Test
    void tooManyIntegersMakesHashtable() {
        SetValue set = new SetValue();
        for (int i = 0; i < 512; i++) {
            set.add(b(Integer.toString(i)));
            set.updateEncoding(512);
        }
        assertThat(set.encoding()).isEqualTo("intset");
        set.add(b("512"));
        set.updateEncoding(512);
        assertThat(set.encoding()).isEqualTo("hashtable");
        while (set.size() > 1) {
            set.popRandom(new Random(2));
        }
        set.updateEncoding(512);
        assertThat(set.encoding()).isEqualTo("hashtable");
    }

    @Test
    void popRandomDrainsEverythingOnce() {
        SetValue set = new SetValue();
        for (int i = 0; i < 300; i++) {
            set.add(b("m" + i));
        }
        set.updateEncoding(512);
        Set<String> popped = new HashSet<>();
        Random rnd = new Random(4);
        while (!set.isEmpty()) {
            String m = s(set.popRandom(rnd));
            assertThat(popped.add(m)).isTrue();
            assertThat(set.contains(b(m))).isFalse();
        }
        assertThat(popped).hasSize(300);
    }

    @Test
    void randomMemberIsRoughlyUniform() {
        SetValue set = new SetValue();
        for (int i = 0; i < 100; i++) {
            set.add(b("m" + i));
        }
        for (int i = 0; i < 90; i++) {
            set.remove(b("m" + (i * 7 % 100))); // 7 is coprime with 100: removes 90 distinct members
        }
        assertThat(set.size()).isEqualTo(10);
        Random rnd = new Random(8);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            counts.merge(s(set.randomMember(rnd)), 1, Integer::sum);
        }
        assertThat(counts).hasSize(10);
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(9_000, 11_000));
    }

    @Test
    void randomDistinctMembers() {
        SetValue set = of("a", "b", "c", "d", "e", "f");
        Random rnd = new Random(6);
        assertThat(set.randomDistinctMembers(0, rnd)).isEmpty();
        assertThat(set.randomDistinctMembers(4, rnd)).hasSize(4).doesNotHaveDuplicates()
                .allSatisfy(m -> assertThat(set.contains(m)).isTrue());
        assertThat(set.randomDistinctMembers(6, rnd)).extracting(SetValueTest::s)
                .containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f");
        assertThat(set.randomDistinctMembers(60, rnd)).hasSize(6);
    }

    @Test
    void scanGuaranteeHoldsUnderConcurrentWrites() {
        Random rnd = new Random(12);
        for (int round = 0; round < 200; round++) {
            int n = 1 + rnd.nextInt(400);
            SetValue set = new SetValue();
            for (int i = 0; i < n; i++) {
                set.add(b("m" + i));
            }
            set.updateEncoding(512);
            assertThat(set.encoding()).isEqualTo("hashtable");
            Set<String> present = new HashSet<>(members(set));
            Set<String> mustSee = new HashSet<>(present);
            Set<String> seen = new HashSet<>();
            int next = n;
            long cursor = 0;
            do {
                cursor = set.scan(cursor, 1 + rnd.nextInt(20), m -> seen.add(s(m)));
                for (int w = rnd.nextInt(15); w > 0; w--) {
                    if (rnd.nextBoolean() && !present.isEmpty()) {
                        byte[] victim = set.popRandom(rnd);
                        present.remove(s(victim));
                        mustSee.remove(s(victim));
                    } else {
                        String m = "m" + next++;
                        set.add(b(m));
                        present.add(m);
                    }
                }
            } while (cursor != 0);
            assertThat(seen).containsAll(mustSee);
        }
    }

    @Test
    void randomOperationsMatchHashSet() {
        Random rnd = new Random(21);
        for (int round = 0; round < 30; round++) {
            SetValue set = new SetValue();
            Set<String> model = new HashSet<>();
            boolean everNonInt = false;
            boolean everTooBig = false;
            for (int op = 0; op < 2000; op++) {
                String m = rnd.nextInt(round % 3 == 0 ? 200 : 5000) == 0 ? "x" + rnd.nextInt(5)
                        : Integer.toString(rnd.nextInt(300) - 150);
                switch (rnd.nextInt(5)) {
                    case 0, 1 -> {
                        assertThat(set.add(b(m))).isEqualTo(model.add(m));
                        everNonInt |= m.startsWith("x");
                    }
                    case 2 -> assertThat(set.remove(b(m))).isEqualTo(model.remove(m));
                    case 3 -> {
                        byte[] popped = set.popRandom(rnd);
                        if (model.isEmpty()) {
                            assertThat(popped).isNull();
                        } else {
                            assertThat(model.remove(s(popped))).isTrue();
                        }
                    }
                    default -> assertThat(set.contains(b(m))).isEqualTo(model.contains(m));
                }
                set.updateEncoding(100);
                everTooBig |= model.size() > 100;
                assertThat(set.size()).isEqualTo(model.size());
                assertThat(set.encoding()).isEqualTo(everNonInt || everTooBig ? "hashtable" : "intset");
                if (op % 25 == 0) {
                    List<String> actual = members(set);
                    assertThat(actual).containsExactlyInAnyOrderElementsOf(model);
                    if (set.encoding().equals("intset")) {
                        assertThat(actual).isSortedAccordingTo((a, c) -> Long.compare(Long.parseLong(a), Long.parseLong(c)));
                    }
                    assertThat(set.memoryUsage()).isPositive();
                }
            }
        }
    }

    @Test
    void memoryUsageByEncoding() {
        assertThat(of("1", "2", "3").memoryUsage()).isEqualTo(16 + 8 + 3 * 2);
        assertThat(of("1", "100000").memoryUsage()).isEqualTo(16 + 8 + 2 * 4);
        assertThat(of("1", "10000000000").memoryUsage()).isEqualTo(16 + 8 + 2 * 8);
        assertThat(of("a", "b").memoryUsage()).isGreaterThan(16 + 8 + 2 * 8);
    }
}
