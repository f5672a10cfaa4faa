package io.replicatedstore.datanode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.replicatedstore.datanode.store.ZSetValue.LexRange;
import io.replicatedstore.datanode.store.ZSetValue.Node;
import io.replicatedstore.datanode.store.ZSetValue.ScoreRange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ZSetValueTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static List<String> members(List<Node> nodes) {
        List<String> out = new ArrayList<>();
        for (Node n : nodes) {
            out.add(s(n.member()));
        }
        return out;
    }

    private static List<String> all(ZSetValue z) {
        List<String> out = new ArrayList<>();
        z.forEach((m, sc) -> out.add(s(m)));
        return out;
    }

    private static ZSetValue zset(Object... memberScorePairs) {
        ZSetValue z = new ZSetValue();
        for (int i = 0; i < memberScorePairs.length; i += 2) {
            z.put(b((String) memberScorePairs[i]), ((Number) memberScorePairs[i + 1]).doubleValue());
        }
        z.checkInvariants();
        return z;
    }

    @Test
    void putScoreRemove() {
        ZSetValue z = new ZSetValue();
        assertThat(z.put(b("a"), 1)).isTrue();
        assertThat(z.put(b("b"), 2)).isTrue();
        assertThat(z.put(b("a"), 3)).isFalse();
        assertThat(z.score(b("a"))).isEqualTo(3.0);
        assertThat(z.score(b("zz"))).isNull();
        assertThat(z.node(b("b")).score()).isEqualTo(2.0);
        assertThat(z.contains(b("b"))).isTrue();
        assertThat(all(z)).containsExactly("b", "a");
        assertThat(z.remove(b("a"))).isTrue();
        assertThat(z.remove(b("a"))).isFalse();
        assertThat(z.size()).isEqualTo(1);
        z.checkInvariants();
        assertThatThrownBy(() -> z.put(b("n"), Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalScoresOrderByUnsignedBytes() {
        ZSetValue z = new ZSetValue();
        z.put(new byte[] {(byte) 0x80}, 0);
        z.put(new byte[] {0x7f}, 0);
        z.put(new byte[0], 0);
        z.put(new byte[] {0x7f, 0}, 0);
        z.put(b("x"), -1);
        assertThat(z.byRank(0).member()).isEqualTo(b("x"));
        assertThat(z.byRank(1).member()).isEmpty();
        assertThat(z.byRank(2).member()).containsExactly(0x7f);
        assertThat(z.byRank(3).member()).containsExactly(0x7f, 0);
        assertThat(z.byRank(4).member()).containsExactly((byte) 0x80);
        z.checkInvariants();
    }

    @Test
    void negativeZeroEqualsZero() {
        ZSetValue z = zset("b", -0.0, "a", 0.0);
        assertThat(all(z)).containsExactly("a", "b"); // tie broken by member, not by sign of zero
        z.put(b("b"), 0.0);                          // same score: no change, like Redis
        assertThat(Double.doubleToRawLongBits(z.score(b("b")))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(z.count(new ScoreRange(0, false, 0, false))).isEqualTo(2);
    }

    @Test
    void scoreUpdatesRepositionNodes() {
        ZSetValue z = zset("a", 1, "b", 2, "c", 3);
        z.put(b("b"), 2.5); // stays in place
        assertThat(all(z)).containsExactly("a", "b", "c");
        z.put(b("a"), 10);
        assertThat(all(z)).containsExactly("b", "c", "a");
        z.put(b("c"), -1);
        assertThat(all(z)).containsExactly("c", "b", "a");
        z.put(b("b"), -1); // tie with c: ordered by member
        assertThat(all(z)).containsExactly("b", "c", "a");
        z.checkInvariants();
        assertThat(z.first().member()).isEqualTo(b("b"));
        assertThat(z.last().member()).isEqualTo(b("a"));
        assertThat(z.first().next().member()).isEqualTo(b("c"));
        assertThat(z.last().prev().member()).isEqualTo(b("c"));
        assertThat(z.first().prev()).isNull();
        assertThat(z.last().next()).isNull();
    }

    @Test
    void ranks() {
        ZSetValue z = zset("a", 1, "b", 2, "c", 3, "d", 4);
        assertThat(z.rank(b("a"), false)).isZero();
        assertThat(z.rank(b("d"), false)).isEqualTo(3);
        assertThat(z.rank(b("a"), true)).isEqualTo(3);
        assertThat(z.rank(b("c"), true)).isEqualTo(1);
        assertThat(z.rank(b("x"), false)).isEqualTo(-1);
        assertThat(z.byRank(-1)).isNull();
        assertThat(z.byRank(4)).isNull();
        assertThat(members(z.rangeByRank(1, 2, false))).containsExactly("b", "c");
        assertThat(members(z.rangeByRank(0, 1, true))).containsExactly("d", "c");
        assertThat(members(z.rangeByRank(2, 100, true))).containsExactly("b", "a");
        assertThat(z.rangeByRank(3, 2, false)).isEmpty();
        assertThat(z.rangeByRank(4, 10, false)).isEmpty();
        assertThat(new ZSetValue().rangeByRank(0, -1, false)).isEmpty();
    }

    @Test
    void scoreRanges() {
        ZSetValue z = zset("a", 1, "b", 2, "c", 3, "d", 4, "e", 5);
        ScoreRange r = new ScoreRange(2, false, 4, true); // [2, 4)
        assertThat(z.count(r)).isEqualTo(2);
        assertThat(members(z.rangeByScore(r, false, 0, -1))).containsExactly("b", "c");
        assertThat(members(z.rangeByScore(r, true, 0, -1))).containsExactly("c", "b");
        assertThat(z.firstInRange(r).member()).isEqualTo(b("b"));
        assertThat(z.lastInRange(r).member()).isEqualTo(b("c"));
        assertThat(members(z.rangeByScore(ScoreRange.ALL, false, 1, 2))).containsExactly("b", "c");
        assertThat(members(z.rangeByScore(ScoreRange.ALL, true, 1, 2))).containsExactly("d", "c");
        assertThat(z.rangeByScore(ScoreRange.ALL, false, -1, 2)).isEmpty();
        assertThat(z.rangeByScore(ScoreRange.ALL, false, 0, 0)).isEmpty();
        assertThat(z.rangeByScore(ScoreRange.ALL, false, 10, -1)).isEmpty();
        ScoreRange empty = new ScoreRange(3, true, 3, false);
        assertThat(z.count(empty)).isZero();
        assertThat(z.firstInRange(empty)).isNull();
        assertThat(z.lastInRange(empty)).isNull();
        assertThat(z.count(new ScoreRange(5, false, 1, false))).isZero();
        assertThat(z.count(new ScoreRange(Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true))).isEqualTo(5);
        assertThat(z.removeRangeByScore(new ScoreRange(1, true, 4, false))).isEqualTo(3);
        assertThat(all(z)).containsExactly("a", "e");
        z.checkInvariants();
    }

    @Test
    void lexRangeParsing() {
        LexRange r = LexRange.parse(b("[a"), b("(c"));
        assertThat(r.min()).isEqualTo(b("a"));
        assertThat(r.minExclusive()).isFalse();
        assertThat(r.max()).isEqualTo(b("c"));
        assertThat(r.maxExclusive()).isTrue();
        LexRange inf = LexRange.parse(b("-"), b("+"));
        assertThat(inf.min()).isSameAs(LexRange.NEG_INF);
        assertThat(inf.max()).isSameAs(LexRange.POS_INF);
        assertThat(LexRange.parse(b("["), b("("))).isNotNull(); // empty-string bounds are real bounds
        assertThat(LexRange.parse(b("a"), b("+"))).isNull();
        assertThat(LexRange.parse(b("-"), b(""))).isNull();
        assertThat(LexRange.parse(b("-x"), b("+"))).isNull();
        assertThat(LexRange.parse(b("-"), b("++"))).isNull();
    }

    @Test
    void lexRanges() {
        ZSetValue z = zset("a", 0, "b", 0, "c", 0, "d", 0, "e", 0);
        assertThat(z.count(LexRange.parse(b("[b"), b("(d")))).isEqualTo(2);
        assertThat(z.count(LexRange.parse(b("-"), b("+")))).isEqualTo(5);
        assertThat(z.count(LexRange.parse(b("+"), b("-")))).isZero();
        assertThat(z.count(LexRange.parse(b("(a"), b("[a")))).isZero();
        assertThat(z.count(LexRange.parse(b("["), b("[a")))).isEqualTo(1);
        assertThat(members(z.rangeByLex(LexRange.parse(b("-"), b("[c")), false, 0, -1))).containsExactly("a", "b", "c");
        assertThat(members(z.rangeByLex(LexRange.parse(b("(a"), b("+")), true, 1, 2))).containsExactly("d", "c");
        assertThat(z.firstInRange(LexRange.parse(b("(b"), b("+"))).member()).isEqualTo(b("c"));
        assertThat(z.lastInRange(LexRange.parse(b("-"), b("(b"))).member()).isEqualTo(b("a"));
        assertThat(z.firstInRange(LexRange.parse(b("(e"), b("+")))).isNull();
        assertThat(z.removeRangeByLex(LexRange.parse(b("(a"), b("[c")))).isEqualTo(2);
        assertThat(all(z)).containsExactly("a", "d", "e");
        z.checkInvariants();
    }

    @Test
    void popsAndRankRemoval() {
        ZSetValue z = zset("a", 1, "b", 2, "c", 3, "d", 4, "e", 5);
        Node min = z.popMin();
        assertThat(min.member()).isEqualTo(b("a"));
        assertThat(min.score()).isEqualTo(1.0);
        assertThat(z.popMax().member()).isEqualTo(b("e"));
        assertThat(z.removeRangeByRank(1, 1)).isEqualTo(1);
        assertThat(all(z)).containsExactly("b", "d");
        assertThat(z.removeRangeByRank(5, 7)).isZero();
        assertThat(z.removeRangeByRank(0, 100)).isEqualTo(2);
        assertThat(z.isEmpty()).isTrue();
        assertThat(z.popMin()).isNull();
        assertThat(z.popMax()).isNull();
        z.checkInvariants();
    }

    @Test
    void encodingRules() {
        ZSetValue z = new ZSetValue();
        for (int i = 0; i < 128; i++) {
            z.put(b("m" + i), i);
            z.updateEncoding(128, 64);
        }
        assertThat(z.encoding()).isEqualTo("listpack");
        z.put(b("m128"), 0);
        z.updateEncoding(128, 64);
        assertThat(z.encoding()).isEqualTo("skiplist");
        z.removeRangeByRank(0, 120);
        z.updateEncoding(128, 64);
        assertThat(z.encoding()).isEqualTo("skiplist");

        ZSetValue longMember = zset("x".repeat(64), 1);
        longMember.updateEncoding(128, 64);
        assertThat(longMember.encoding()).isEqualTo("listpack");
        longMember.put(b("y".repeat(65)), 1);
        longMember.updateEncoding(128, 64);
        assertThat(longMember.encoding()).isEqualTo("skiplist");
    }

    @Test
    void listpackScanIsOneShotInOrder() {
        ZSetValue z = zset("c", 3, "a", 1, "b", 2);
        z.updateEncoding(128, 64);
        List<String> seen = new ArrayList<>();
        assertThat(z.scan(0, 1, (m, sc) -> seen.add(s(m) + "=" + sc))).isZero();
        assertThat(seen).containsExactly("a=1.0", "b=2.0", "c=3.0");
    }

    @Test
    void scanGuaranteeHoldsUnderConcurrentWrites() {
        Random rnd = new Random(17);
        for (int round = 0; round < 200; round++) {
            int n = 1 + rnd.nextInt(400);
            ZSetValue z = new ZSetValue();
            for (int i = 0; i < n; i++) {
                z.put(b("m" + i), rnd.nextInt(50));
            }
            z.updateEncoding(0, 64);
            assertThat(z.encoding()).isEqualTo("skiplist");
            Set<String> present = new HashSet<>(all(z));
            Set<String> mustSee = new HashSet<>(present);
            Set<String> seen = new HashSet<>();
            int next = n;
            long cursor = 0;
            do {
                cursor = z.scan(cursor, 1 + rnd.nextInt(20), (m, sc) -> seen.add(s(m)));
                for (int w = rnd.nextInt(15); w > 0; w--) {
                    int kind = rnd.nextInt(3);
                    if (kind == 0 && !present.isEmpty()) {
                        Node victim = rnd.nextBoolean() ? z.popMin() : z.randomNode(rnd);
                        z.remove(victim.member());
                        present.remove(s(victim.member()));
                        mustSee.remove(s(victim.member()));
                    } else if (kind == 1 && !present.isEmpty()) {
                        z.put(z.randomNode(rnd).member(), rnd.nextInt(50)); // score change must not hide it
                    } else {
                        String m = "m" + next++;
                        z.put(b(m), rnd.nextInt(50));
                        present.add(m);
                    }
                }
            } while (cursor != 0);
            assertThat(seen).containsAll(mustSee);
            z.checkInvariants();
        }
    }

    @Test
    void randomPicks() {
        ZSetValue z = new ZSetValue();
        for (int i = 0; i < 10; i++) {
            z.put(b("m" + i), i);
        }
        Random rnd = new Random(23);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            counts.merge(s(z.randomNode(rnd).member()), 1, Integer::sum);
        }
        assertThat(counts.values()).hasSize(10).allSatisfy(c -> assertThat(c).isBetween(9_000, 11_000));
        assertThat(z.randomDistinctNodes(4, rnd)).hasSize(4).doesNotHaveDuplicates();
        assertThat(members(z.randomDistinctNodes(10, rnd))).containsExactlyElementsOf(all(z));
        assertThat(new ZSetValue().randomNode(rnd)).isNull();
        assertThat(new ZSetValue().randomDistinctNodes(3, rnd)).isEmpty();
    }

    @Test
    void memoryUsage() {
        ZSetValue small = zset("a", 1);
        assertThat(small.memoryUsage()).isBetween(20L, 200L);
        ZSetValue big = new ZSetValue();
        for (int i = 0; i < 1000; i++) {
            big.put(b("member" + i), i * 0.5);
        }
        big.updateEncoding(128, 64);
        assertThat(big.memoryUsage()).isGreaterThan(50_000);
    }

    // ---- randomized comparison with a sorted-list model -----------------------------------------

    private record E(byte[] member, double score) { }

    private static final Comparator<E> ORDER = (x, y) -> x.score < y.score ? -1 : x.score > y.score ? 1
            : unsignedCompare(x.member, y.member);

    private static int unsignedCompare(byte[] x, byte[] y) {
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = (x[i] & 0xff) - (y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return x.length - y.length;
    }

    private static List<E> sorted(Map<String, Double> model) {
        List<E> out = new ArrayList<>();
        model.forEach((m, sc) -> out.add(new E(m.getBytes(StandardCharsets.ISO_8859_1), sc)));
        out.sort(ORDER);
        return out;
    }

    private static List<String> names(List<E> es) {
        List<String> out = new ArrayList<>();
        for (E e : es) {
            out.add(s(e.member));
        }
        return out;
    }

    private static List<E> window(List<E> inRange, boolean reverse, long offset, long limit) {
        List<E> list = new ArrayList<>(inRange);
        if (reverse) {
            Collections.reverse(list);
        }
        if (offset < 0 || offset >= list.size()) {
            return List.of();
        }
        list = list.subList((int) offset, list.size());
        return limit < 0 || limit >= list.size() ? list : list.subList(0, (int) limit);
    }

    private static double randomScore(Random rnd) {
        return switch (rnd.nextInt(10)) {
            case 0 -> Double.NEGATIVE_INFINITY;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> rnd.nextInt(21) - 10 + 0.5;
            default -> rnd.nextInt(21) - 10;
        };
    }

    private static ScoreRange randomScoreRange(Random rnd) {
        return new ScoreRange(randomScore(rnd), rnd.nextBoolean(), randomScore(rnd), rnd.nextBoolean());
    }

    private static String randomMember(Random rnd, int alphabet) {
        StringBuilder sb = new StringBuilder();
        int len = rnd.nextInt(4);
        for (int i = 0; i < len; i++) {
            int c = rnd.nextInt(alphabet);
            sb.append(c < alphabet - 2 ? (char) ('a' + c) : c == alphabet - 2 ? '\u0080' : '\u00ff');
        }
        return sb.toString();
    }

    @Test
    void randomOperationsMatchModel() {
        Random rnd = new Random(2024);
        for (int round = 0; round < 15; round++) {
            ZSetValue z = new ZSetValue();
            Map<String, Double> model = new HashMap<>();
            for (int op = 0; op < 1500; op++) {
                String m = "m" + rnd.nextInt(round % 2 == 0 ? 60 : 400);
                int kind = rnd.nextInt(model.size() > 250 ? 14 : 11);
                switch (kind) {
                    case 0, 1, 2, 3 -> {
                        double sc = rnd.nextInt(8) == 0 ? randomScore(rnd) : rnd.nextInt(30) - 15;
                        assertThat(z.put(m.getBytes(StandardCharsets.ISO_8859_1), sc)).isEqualTo(!model.containsKey(m));
                        model.put(m, sc);
                    }
                    case 4 -> assertThat(z.remove(b(m))).isEqualTo(model.remove(m) != null);
                    case 5 -> {
                        boolean min = rnd.nextBoolean();
                        Node n = min ? z.popMin() : z.popMax();
                        if (model.isEmpty()) {
                            assertThat(n).isNull();
                        } else {
                            List<E> sorted = sorted(model);
                            E expected = min ? sorted.get(0) : sorted.get(sorted.size() - 1);
                            assertThat(n.member()).isEqualTo(expected.member);
                            assertThat(n.score()).isEqualTo(expected.score);
                            model.remove(s(n.member()));
                        }
                    }
                    case 6, 7, 8, 9, 10 -> checkQueries(z, model, rnd);
                    case 11 -> {
                        List<E> sorted = sorted(model);
                        int start = rnd.nextInt(sorted.size() + 2) - 1;
                        int stop = start + rnd.nextInt(10) - 2;
                        long removed = z.removeRangeByRank(start, stop);
                        int lo = Math.max(0, start);
                        int hi = Math.min(stop, sorted.size() - 1);
                        assertThat(removed).isEqualTo(Math.max(0, hi - lo + 1));
                        for (int i = lo; i <= hi; i++) {
                            model.remove(s(sorted.get(i).member));
                        }
                    }
                    case 12 -> {
                        ScoreRange r = randomScoreRange(rnd);
                        List<E> victims = sorted(model).stream().filter(e -> r.gteMin(e.score) && r.lteMax(e.score)).toList();
                        assertThat(z.removeRangeByScore(r)).isEqualTo(victims.size());
                        victims.forEach(e -> model.remove(s(e.member)));
                    }
                    default -> {
                        while (z.size() > 50) {
                            model.remove(s(z.popMax().member()));
                        }
                    }
                }
                assertThat(z.size()).isEqualTo(model.size());
                if (op % 20 == 0) {
                    z.checkInvariants();
                    assertThat(all(z)).containsExactlyElementsOf(names(sorted(model)));
                }
            }
        }
    }

    private static void checkQueries(ZSetValue z, Map<String, Double> model, Random rnd) {
        List<E> sorted = sorted(model);
        int n = sorted.size();
        // ranks and byRank
        for (int i = 0; i < 3 && n > 0; i++) {
            int r = rnd.nextInt(n);
            E e = sorted.get(r);
            assertThat(z.rank(e.member, false)).isEqualTo(r);
            assertThat(z.rank(e.member, true)).isEqualTo(n - 1 - r);
            assertThat(z.byRank(r).member()).isEqualTo(e.member);
            assertThat(z.score(e.member)).isEqualTo(e.score);
        }
        assertThat(z.rank(b("absent"), false)).isEqualTo(-1);
        // rank ranges
        int[] range = ListValue.normalizeRange(rnd.nextInt(n + 4) - 2 - n / 2, rnd.nextInt(n + 4) - 2, n);
        boolean reverse = rnd.nextBoolean();
        if (range != null) {
            List<E> expected = new ArrayList<>(sorted);
            if (reverse) {
                Collections.reverse(expected);
            }
            assertThat(members(z.rangeByRank(range[0], range[1], reverse)))
                    .containsExactlyElementsOf(names(expected.subList(range[0], range[1] + 1)));
        }
        // score ranges
        ScoreRange r = randomScoreRange(rnd);
        List<E> in = sorted.stream().filter(e -> r.gteMin(e.score) && r.lteMax(e.score)).toList();
        assertThat(z.count(r)).isEqualTo(in.size());
        long offset = rnd.nextInt(5) == 0 ? -1 : rnd.nextInt(5);
        long limit = rnd.nextInt(4) == 0 ? -1 : rnd.nextInt(6);
        assertThat(members(z.rangeByScore(r, reverse, offset, limit)))
                .containsExactlyElementsOf(names(window(in, reverse, offset, limit)));
        Node first = z.firstInRange(r);
        Node last = z.lastInRange(r);
        assertThat(first == null ? null : s(first.member())).isEqualTo(in.isEmpty() ? null : s(in.get(0).member));
        assertThat(last == null ? null : s(last.member())).isEqualTo(in.isEmpty() ? null : s(in.get(in.size() - 1).member));
    }

    @Test
    void randomLexOperationsMatchModel() {
        Random rnd = new Random(777);
        for (int round = 0; round < 40; round++) {
            ZSetValue z = new ZSetValue();
            Map<String, Double> model = new HashMap<>();
            int alphabet = 3 + round % 4;
            for (int op = 0; op < 400; op++) {
                String m = randomMember(rnd, alphabet);
                byte[] mb = m.getBytes(StandardCharsets.ISO_8859_1);
                switch (rnd.nextInt(6)) {
                    case 0, 1 -> {
                        z.put(mb, 0);
                        model.put(m, 0.0);
                    }
                    case 2 -> assertThat(z.remove(mb)).isEqualTo(model.remove(m) != null);
                    case 3 -> {
                        LexRange r = randomLexRange(rnd, alphabet);
                        List<E> victims = sorted(model).stream().filter(inLex(r)).toList();
                        assertThat(z.removeRangeByLex(r)).isEqualTo(victims.size());
                        victims.forEach(e -> model.remove(s(e.member)));
                    }
                    default -> {
                        LexRange r = randomLexRange(rnd, alphabet);
                        List<E> in = sorted(model).stream().filter(inLex(r)).toList();
                        assertThat(z.count(r)).isEqualTo(in.size());
                        boolean reverse = rnd.nextBoolean();
                        long offset = rnd.nextInt(5) == 0 ? -1 : rnd.nextInt(4);
                        long limit = rnd.nextInt(4) == 0 ? -1 : rnd.nextInt(5);
                        assertThat(members(z.rangeByLex(r, reverse, offset, limit)))
                                .containsExactlyElementsOf(names(window(in, reverse, offset, limit)));
                        Node first = z.firstInRange(r);
                        Node last = z.lastInRange(r);
                        assertThat(first == null ? null : s(first.member())).isEqualTo(in.isEmpty() ? null : s(in.get(0).member));
                        assertThat(last == null ? null : s(last.member())).isEqualTo(in.isEmpty() ? null : s(in.get(in.size() - 1).member));
                    }
                }
                assertThat(all(z)).containsExactlyElementsOf(names(sorted(model)));
            }
            z.checkInvariants();
        }
    }

    private static LexRange randomLexRange(Random rnd, int alphabet) {
        byte[] min = randomLexBound(rnd, alphabet);
        byte[] max = randomLexBound(rnd, alphabet);
        return new LexRange(min, rnd.nextBoolean(), max, rnd.nextBoolean());
    }

    private static byte[] randomLexBound(Random rnd, int alphabet) {
        return switch (rnd.nextInt(8)) {
            case 0 -> LexRange.NEG_INF;
            case 1 -> LexRange.POS_INF;
            default -> randomMember(rnd, alphabet).getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    /** Independent reference for lex bounds (infinities by identity, as in Redis). */
    private static Predicate<E> inLex(LexRange r) {
        return e -> {
            boolean geMin = r.min() == LexRange.NEG_INF || (r.min() != LexRange.POS_INF
                    && (r.minExclusive() ? unsignedCompare(e.member, r.min()) > 0 : unsignedCompare(e.member, r.min()) >= 0));
            boolean leMax = r.max() == LexRange.POS_INF || (r.max() != LexRange.NEG_INF
                    && (r.maxExclusive() ? unsignedCompare(e.member, r.max()) < 0 : unsignedCompare(e.member, r.max()) <= 0));
            return geMin && leMax;
        };
    }

    @Test
    void largeSetRanksStayLogarithmicAndCorrect() {
        ZSetValue z = new ZSetValue();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            z.put(b("m" + i), (i * 7919L) % n);
        }
        for (int i = 0; i < n; i += 997) {
            long expectedRank = (i * 7919L) % n;
            assertThat(z.rank(b("m" + i), false)).isEqualTo(expectedRank);
            assertThat(z.byRank(expectedRank).member()).isEqualTo(b("m" + i));
        }
        assertThat(z.count(new ScoreRange(1000, false, 2000, true))).isEqualTo(1000);
        assertThat(z.removeRangeByScore(new ScoreRange(0, false, 49_999, false))).isEqualTo(50_000);
        assertThat(z.first().score()).isEqualTo(50_000.0);
        assertThat(z.rank(b("m1"), false)).isEqualTo(-1); // score 7919 was removed
        assertThat(z.rank(b("m7"), false)).isEqualTo((7 * 7919L) % n - 50_000);
        z.checkInvariants();
    }
}
