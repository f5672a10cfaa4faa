package io.replicatedstore.datanode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ListValueTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> contents(ListValue list) {
        List<String> out = new ArrayList<>();
        for (byte[] e : list) {
            out.add(new String(e, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static ListValue of(String... items) {
        ListValue list = new ListValue();
        for (String s : items) {
            list.pushLast(b(s));
        }
        return list;
    }

    @Test
    void pushPopBothEnds() {
        ListValue list = new ListValue();
        assertThat(list.popFirst()).isNull();
        assertThat(list.popLast()).isNull();
        list.pushLast(b("b"));
        list.pushFirst(b("a"));
        list.pushLast(b("c"));
        assertThat(contents(list)).containsExactly("a", "b", "c");
        assertThat(list.size()).isEqualTo(3);
        assertThat(list.popFirst()).isEqualTo(b("a"));
        assertThat(list.popLast()).isEqualTo(b("c"));
        assertThat(list.popLast()).isEqualTo(b("b"));
        assertThat(list.isEmpty()).isTrue();
        assertThat(list.popFirst()).isNull();
    }

    @Test
    void indexAccessAcrossWrapAround() {
        ListValue list = new ListValue();
        for (int i = 0; i < 3; i++) {
            list.pushLast(b("x" + i));
        }
        for (int i = 0; i < 3; i++) {
            list.pushFirst(b("y" + i)); // wraps the head behind index 0 of the buffer
        }
        assertThat(contents(list)).containsExactly("y2", "y1", "y0", "x0", "x1", "x2");
        assertThat(list.get(0)).isEqualTo(b("y2"));
        assertThat(list.get(5)).isEqualTo(b("x2"));
        assertThat(list.set(3, b("z"))).isEqualTo(b("x0"));
        assertThat(list.get(3)).isEqualTo(b("z"));
        assertThatThrownBy(() -> list.get(6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> list.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void insertAndRemoveInTheMiddle() {
        ListValue list = of("a", "b", "c", "d");
        list.insert(1, b("x"));
        list.insert(4, b("y"));
        list.insert(0, b("first"));
        list.insert(list.size(), b("last"));
        assertThat(contents(list)).containsExactly("first", "a", "x", "b", "c", "y", "d", "last");
        assertThat(list.remove(2)).isEqualTo(b("x"));
        assertThat(list.remove(4)).isEqualTo(b("y"));
        assertThat(list.remove(0)).isEqualTo(b("first"));
        assertThat(list.remove(list.size() - 1)).isEqualTo(b("last"));
        assertThat(contents(list)).containsExactly("a", "b", "c", "d");
        assertThatThrownBy(() -> list.insert(5, b("z"))).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rangeAndTrim() {
        ListValue list = of("a", "b", "c", "d", "e");
        assertThat(list.range(1, 3)).extracting(String::new).containsExactly("b", "c", "d");
        assertThat(list.range(3, 1)).isEmpty();
        list.trim(1, 3);
        assertThat(contents(list)).containsExactly("b", "c", "d");
        list.trim(2, 1);
        assertThat(list.isEmpty()).isTrue();
    }

    @Test
    void removeOccurrencesFromHeadTailAndAll() {
        assertThat(removeOcc(2, "a", "x", "a", "y", "a", "z")).containsExactly("x", "y", "a", "z");
        assertThat(removeOcc(-2, "a", "x", "a", "y", "a", "z")).containsExactly("a", "x", "y", "z");
        assertThat(removeOcc(0, "a", "x", "a", "y", "a", "z")).containsExactly("x", "y", "z");
        assertThat(removeOcc(5, "x", "y")).containsExactly("x", "y");
        assertThat(removeOcc(Long.MIN_VALUE, "a", "a")).isEmpty();
    }

    private static List<String> removeOcc(long count, String... items) {
        ListValue list = of(items);
        long expectedRemoved = Arrays.stream(items).filter("a"::equals).count();
        if (count != 0 && count != Long.MIN_VALUE) {
            expectedRemoved = Math.min(expectedRemoved, Math.abs(count));
        }
        assertThat(list.removeOccurrences(b("a"), count)).isEqualTo(expectedRemoved);
        assertThat(list.size()).isEqualTo(items.length - (int) expectedRemoved);
        return contents(list);
    }

    @Test
    void normalizeHelpers() {
        assertThat(ListValue.normalizeIndex(0, 3)).isEqualTo(0);
        assertThat(ListValue.normalizeIndex(-1, 3)).isEqualTo(2);
        assertThat(ListValue.normalizeIndex(-3, 3)).isEqualTo(0);
        assertThat(ListValue.normalizeIndex(-4, 3)).isEqualTo(-1);
        assertThat(ListValue.normalizeIndex(3, 3)).isEqualTo(-1);
        assertThat(ListValue.normalizeIndex(Long.MIN_VALUE, 3)).isEqualTo(-1);
        assertThat(ListValue.normalizeIndex(Long.MAX_VALUE, 3)).isEqualTo(-1);

        assertThat(ListValue.normalizeRange(0, -1, 5)).containsExactly(0, 4);
        assertThat(ListValue.normalizeRange(-100, 100, 5)).containsExactly(0, 4);
        assertThat(ListValue.normalizeRange(-2, -1, 5)).containsExactly(3, 4);
        assertThat(ListValue.normalizeRange(3, 1, 5)).isNull();
        assertThat(ListValue.normalizeRange(5, 10, 5)).isNull();
        assertThat(ListValue.normalizeRange(0, -6, 5)).isNull();
        assertThat(ListValue.normalizeRange(0, -1, 0)).isNull();
        assertThat(ListValue.normalizeRange(Long.MIN_VALUE, Long.MAX_VALUE, 5)).containsExactly(0, 4);
    }

    @Test
    void listpackEntrySizes() {
        assertThat(ListValue.listpackEntrySize(b("hello"))).isEqualTo(7);   // 1 + 5 + 1
        assertThat(ListValue.listpackEntrySize(b("12"))).isEqualTo(2);      // 7-bit uint + backlen
        assertThat(ListValue.listpackEntrySize(b("-1"))).isEqualTo(3);      // 13-bit int
        assertThat(ListValue.listpackEntrySize(b("100000"))).isEqualTo(5);  // 24-bit int
        assertThat(ListValue.listpackEntrySize(b("9223372036854775807"))).isEqualTo(10);
        assertThat(ListValue.listpackEntrySize(b("007"))).isEqualTo(5);     // not canonical: a string
        assertThat(ListValue.listpackEntrySize(new byte[64])).isEqualTo(2 + 64 + 1);
        assertThat(ListValue.listpackEntrySize(new byte[200])).isEqualTo(2 + 200 + 2);
        assertThat(ListValue.listpackEntrySize(new byte[5000])).isEqualTo(5 + 5000 + 2);
    }

    @Test
    void encodingBySizeLimitIsSticky() {
        ListValue list = new ListValue();
        list.pushLast(b("a"));
        list.updateEncoding(-2);
        assertThat(list.encoding(-2)).isEqualTo("listpack");
        // 8 KB limit: 100 entries of 100 bytes (~10 KB) exceed it.
        for (int i = 0; i < 100; i++) {
            list.pushLast(new byte[100]);
            list.updateEncoding(-2);
        }
        assertThat(list.encoding(-2)).isEqualTo("quicklist");
        assertThat(list.isListpackEncoded(-5)).isFalse(); // sticky, whatever the limit now
        list.trim(0, 0);
        list.updateEncoding(-2);
        assertThat(list.encoding(-2)).isEqualTo("quicklist");
    }

    @Test
    void encodingLimitsFollowFill() {
        ListValue list = new ListValue();
        for (int i = 0; i < 4000 / 7; i++) {
            list.pushLast(b("hello"));
        }
        assertThat(list.isListpackEncoded(-1)).isTrue();    // 7 + 571*7 = 4004 bytes <= 4096
        list.pushLast(new byte[100]);                       // + 103 bytes
        assertThat(list.isListpackEncoded(-1)).isFalse();   // over 4 KB
        assertThat(list.isListpackEncoded(-2)).isTrue();
        assertThat(list.isListpackEncoded(-100)).isTrue();  // below -5 acts as -5

        ListValue counted = of("a", "b", "c");
        assertThat(counted.encoding(3)).isEqualTo("listpack");
        counted.pushLast(b("d"));
        assertThat(counted.encoding(3)).isEqualTo("quicklist");
        counted.popLast();
        assertThat(counted.encoding(3)).isEqualTo("listpack"); // not yet committed by updateEncoding

        ListValue big = of("x");
        big.set(0, new byte[9000]);
        assertThat(big.encoding(128)).isEqualTo("quicklist");  // positive fill still caps bytes at 8 KB
        assertThat(big.encoding(-2)).isEqualTo("quicklist");
        assertThat(big.encoding(-3)).isEqualTo("listpack");
        assertThat(of("x").encoding(0)).isEqualTo("listpack");
        assertThat(of("x", "y").encoding(0)).isEqualTo("quicklist");
    }

    @Test
    void memoryUsageGrowsWithContent() {
        ListValue list = of("a");
        long small = list.memoryUsage();
        assertThat(small).isPositive();
        for (int i = 0; i < 1000; i++) {
            list.pushLast(new byte[50]);
        }
        list.updateEncoding(-2);
        assertThat(list.memoryUsage()).isGreaterThan(50_000);
    }

    @Test
    void randomOperationsMatchArrayList() {
        Random rnd = new Random(42);
        for (int round = 0; round < 20; round++) {
            ListValue list = new ListValue();
            List<byte[]> model = new ArrayList<>();
            for (int op = 0; op < 3000; op++) {
                byte[] v = b(rnd.nextInt(3) == 0 ? Integer.toString(rnd.nextInt(20000) - 10000)
                        : "v" + rnd.nextInt(30) + "x".repeat(rnd.nextInt(70)));
                int n = model.size();
                switch (rnd.nextInt(n > 200 ? 12 : 9)) {
                    case 0 -> { list.pushFirst(v); model.add(0, v); }
                    case 1, 2 -> { list.pushLast(v); model.add(v); }
                    case 3 -> { int i = rnd.nextInt(n + 1); list.insert(i, v); model.add(i, v); }
                    case 4 -> {
                        if (n > 0) {
                            int i = rnd.nextInt(n);
                            assertThat(list.set(i, v)).isSameAs(model.set(i, v));
                        }
                    }
                    case 5 -> assertThat(list.popFirst()).isSameAs(n == 0 ? null : model.remove(0));
                    case 6 -> assertThat(list.popLast()).isSameAs(n == 0 ? null : model.remove(n - 1));
                    case 7 -> {
                        if (n > 0) {
                            int i = rnd.nextInt(n);
                            assertThat(list.remove(i)).isSameAs(model.remove(i));
                        }
                    }
                    case 8 -> {
                        if (n > 0) {
                            int start = rnd.nextInt(n);
                            int stop = start + rnd.nextInt(n - start);
                            assertThat(list.range(start, stop)).containsExactlyElementsOf(model.subList(start, stop + 1));
                        }
                    }
                    case 9 -> {
                        int start = rnd.nextInt(n / 4 + 1);
                        int stop = n - 1 - rnd.nextInt(n / 4 + 1);
                        list.trim(start, stop);
                        model = start > stop ? new ArrayList<>() : new ArrayList<>(model.subList(start, stop + 1));
                    }
                    case 10 -> {
                        byte[] target = model.get(rnd.nextInt(n));
                        long count = rnd.nextInt(7) - 3;
                        int removed = list.removeOccurrences(target.clone(), count);
                        assertThat(removed).isEqualTo(removeFromModel(model, target, count));
                    }
                    default -> {
                        while (list.size() > 20) {
                            assertThat(list.popFirst()).isSameAs(model.remove(0));
                        }
                    }
                }
                assertThat(list.size()).isEqualTo(model.size());
                if (op % 50 == 0 || list.size() < 10) {
                    assertThat(list).containsExactlyElementsOf(model);
                    long expectedBytes = 7;
                    for (byte[] e : model) {
                        expectedBytes += ListValue.listpackEntrySize(e);
                    }
                    assertThat(list.listpackBytes()).isEqualTo(expectedBytes);
                    for (int i = 0; i < model.size(); i++) {
                        assertThat(list.get(i)).isSameAs(model.get(i));
                    }
                }
            }
        }
    }

    private static int removeFromModel(List<byte[]> model, byte[] target, long count) {
        int removed = 0;
        long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
        if (count >= 0) {
            for (int i = 0; i < model.size() && removed < limit; ) {
                if (Arrays.equals(model.get(i), target)) {
                    model.remove(i);
                    removed++;
                } else {
                    i++;
                }
            }
        } else {
            for (int i = model.size() - 1; i >= 0 && removed < limit; i--) {
                if (Arrays.equals(model.get(i), target)) {
                    model.remove(i);
                    removed++;
                }
            }
        }
        return removed;
    }
}
