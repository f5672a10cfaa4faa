package io.replicatedstore.datanode.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ObjDoubleConsumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * A Redis sorted set: member -> node map plus Redis's zskiplist (ordered by score, then member in
 * unsigned memcmp order, with spans so rank lookups and rank ranges are O(log n)). Every node also
 * sits in a dense array so ZRANDMEMBER picks in O(1) and ZSCAN can use array positions as cursors
 * (same guarantee as {@link HashValue#scan}).
 *
 * <p>Ranks are 0-based and ascending unless a method says otherwise. Scores must not be NaN (the
 * command layer rejects them); -0.0 and 0.0 compare equal as in Redis. Members are stored without
 * copying. Single-threaded.
 */
public final class ZSetValue implements Iterable<ZSetValue.Node> {
    static final int MAX_LEVEL = 32;

    /** A skip list node; valid until its member is removed. Walk with next()/prev(). */
    public static final class Node {
        final byte[] member;
        double score;
        Node backward;
        final Node[] forward;
        final int[] span; // span[i]: how many rank steps forward[i] skips
        int pos;          // index in dense

        Node(byte[] member, double score, int level) {
            this.member = member;
            this.score = score;
            this.forward = new Node[level];
            this.span = new int[level];
        }

        public byte[] member() {
            return member;
        }

        public double score() {
            return score;
        }

        /** The next node in ascending order, or null at the end. */
        public Node next() {
            return forward[0];
        }

        /** The previous node in ascending order, or null at the start. */
        public Node prev() {
            return backward;
        }

        @Override
        public String toString() {
            return Bytes.of(member) + "=" + score;
        }
    }

    /** A score interval as in ZRANGEBYSCORE: "(" bounds are exclusive; infinities allowed. */
    public record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {
        public static final ScoreRange ALL =
                new ScoreRange(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);

        public boolean gteMin(double v) {
            return minExclusive ? v > min : v >= min;
        }

        public boolean lteMax(double v) {
            return maxExclusive ? v < max : v <= max;
        }
    }

    /**
     * A lexicographic interval as in ZRANGEBYLEX. The infinities are the marker arrays
     * {@link #NEG_INF} / {@link #POS_INF}, recognised by identity (like Redis's shared min/max
     * strings), so any real byte string, including the empty one, is an ordinary bound.
     */
    public record LexRange(byte[] min, boolean minExclusive, byte[] max, boolean maxExclusive) {
        public static final byte[] NEG_INF = new byte[0];
        public static final byte[] POS_INF = new byte[0];
        public static final LexRange ALL = new LexRange(NEG_INF, true, POS_INF, true);

        /** Parses Redis syntax ("-", "+", "[x", "(x"); null means "min or max not valid string range item". */
        public static LexRange parse(byte[] min, byte[] max) {
            byte[] lo = bound(min);
            byte[] hi = bound(max);
            if (lo == null || hi == null) {
                return null;
            }
            return new LexRange(lo, min[0] != '[', hi, max[0] != '[');
        }

        private static byte[] bound(byte[] s) {
            if (s.length == 0) {
                return null;
            }
            return switch (s[0]) {
                case '-' -> s.length == 1 ? NEG_INF : null;
                case '+' -> s.length == 1 ? POS_INF : null;
                case '(', '[' -> Arrays.copyOfRange(s, 1, s.length);
                default -> null;
            };
        }

        public boolean gteMin(byte[] v) {
            if (min == NEG_INF) {
                return true;
            }
            if (min == POS_INF) {
                return false;
            }
            int c = Bytes.compare(v, min);
            return minExclusive ? c > 0 : c >= 0;
        }

        public boolean lteMax(byte[] v) {
            if (max == POS_INF) {
                return true;
            }
            if (max == NEG_INF) {
                return false;
            }
            int c = Bytes.compare(v, max);
            return maxExclusive ? c < 0 : c <= 0;
        }
    }

    private final HashMap<Bytes, Node> map = new HashMap<>();
    private final Node header = new Node(null, 0, MAX_LEVEL);
    private Node tail;
    private int level = 1;
    private int length;
    private Node[] dense = new Node[4];
    /** Sticky: once converted to "skiplist" a sorted set never goes back (as in Redis). */
    private boolean skiplist;
    /** Longest member written while still listpack; checked by updateEncoding. */
    private int maxLenWritten;
    private long payloadBytes;

    public int size() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public Node node(byte[] member) {
        return map.get(Bytes.of(member));
    }

    public boolean contains(byte[] member) {
        return map.containsKey(Bytes.of(member));
    }

    /** The member's score, or null if absent. */
    public Double score(byte[] member) {
        Node n = map.get(Bytes.of(member));
        return n == null ? null : n.score;
    }

    /**
     * Adds member or updates its score; returns true if the member is new. NX/XX/GT/LT/INCR and
     * the "changed" count are the caller's (compare with {@link #score} first).
     */
    public boolean put(byte[] member, double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("NaN score");
        }
        if (!skiplist) {
            maxLenWritten = Math.max(maxLenWritten, member.length);
        }
        Node n = map.get(Bytes.of(member));
        if (n != null) {
            if (n.score != score) {
                updateScore(n, score);
            }
            return false;
        }
        n = new Node(member, score, randomLevel());
        insertNode(n);
        map.put(Bytes.of(member), n);
        if (length > dense.length) {
            dense = Arrays.copyOf(dense, dense.length * 2);
        }
        n.pos = length - 1;
        dense[n.pos] = n;
        payloadBytes += member.length;
        return true;
    }

    /** Removes member; returns true if it was present. */
    public boolean remove(byte[] member) {
        Node n = map.get(Bytes.of(member));
        if (n == null) {
            return false;
        }
        removeNode(n);
        return true;
    }

    // ---- ranks ---------------------------------------------------------------------------------

    /** 0-based rank of member (from the highest score if reverse), or -1 if absent. */
    public long rank(byte[] member, boolean reverse) {
        Node x = map.get(Bytes.of(member));
        if (x == null) {
            return -1;
        }
        int rank = 0;
        Node p = header;
        for (int i = level - 1; i >= 0; i--) {
            while (p.forward[i] != null && (p.forward[i] == x || less(p.forward[i], x.score, x.member))) {
                rank += p.span[i];
                p = p.forward[i];
            }
            if (p == x) {
                break;
            }
        }
        return reverse ? length - rank : rank - 1;
    }

    /** The node at 0-based ascending rank, or null if out of range. O(log n). */
    public Node byRank(long rank) {
        if (rank < 0 || rank >= length) {
            return null;
        }
        long target = rank + 1;
        long traversed = 0;
        Node p = header;
        for (int i = level - 1; i >= 0; i--) {
            while (p.forward[i] != null && traversed + p.span[i] <= target) {
                traversed += p.span[i];
                p = p.forward[i];
            }
            if (traversed == target) {
                return p;
            }
        }
        return null;
    }

    public Node first() {
        return header.forward[0];
    }

    public Node last() {
        return tail;
    }

    /**
     * ZRANGE by rank: nodes at ranks start..stop (0-based, inclusive, already normalized e.g. with
     * {@link ListValue#normalizeRange}); with reverse, ranks count from the highest score and
     * nodes come out in descending order.
     */
    public List<Node> rangeByRank(long start, long stop, boolean reverse) {
        start = Math.max(0, start);
        stop = Math.min(stop, length - 1L);
        if (start > stop) {
            return new ArrayList<>(0);
        }
        List<Node> out = new ArrayList<>((int) (stop - start + 1));
        Node n = byRank(reverse ? length - 1 - start : start);
        for (long k = start; k <= stop; k++) {
            out.add(n);
            n = reverse ? n.backward : n.forward[0];
        }
        return out;
    }

    // ---- score / lex ranges --------------------------------------------------------------------

    /** ZCOUNT, by rank difference: O(log n). */
    public long count(ScoreRange r) {
        return Math.max(0, countWhile(n -> r.lteMax(n.score)) - countWhile(n -> !r.gteMin(n.score)));
    }

    /** ZLEXCOUNT (meaningful when all scores are equal; otherwise follows skip list order). */
    public long count(LexRange r) {
        return Math.max(0, countWhile(n -> r.lteMax(n.member)) - countWhile(n -> !r.gteMin(n.member)));
    }

    /** The lowest node within the range, or null. */
    public Node firstInRange(ScoreRange r) {
        long lo = countWhile(n -> !r.gteMin(n.score));
        Node n = byRank(lo);
        return n != null && r.lteMax(n.score) ? n : null;
    }

    /** The highest node within the range, or null. */
    public Node lastInRange(ScoreRange r) {
        Node n = byRank(countWhile(n1 -> r.lteMax(n1.score)) - 1);
        return n != null && r.gteMin(n.score) ? n : null;
    }

    public Node firstInRange(LexRange r) {
        Node n = byRank(countWhile(n1 -> !r.gteMin(n1.member)));
        return n != null && r.lteMax(n.member) ? n : null;
    }

    public Node lastInRange(LexRange r) {
        Node n = byRank(countWhile(n1 -> r.lteMax(n1.member)) - 1);
        return n != null && r.gteMin(n.member) ? n : null;
    }

    /**
     * ZRANGEBYSCORE / ZREVRANGEBYSCORE with LIMIT: skips {@code offset} nodes (a negative offset
     * yields nothing, as in Redis) and returns at most {@code limit} (negative = all), ascending,
     * or descending from the max end if reverse. The offset is skipped by rank, in O(log n).
     */
    public List<Node> rangeByScore(ScoreRange r, boolean reverse, long offset, long limit) {
        return window(countWhile(n -> !r.gteMin(n.score)), countWhile(n -> r.lteMax(n.score)),
                reverse, offset, limit);
    }

    /** ZRANGEBYLEX / ZREVRANGEBYLEX with LIMIT; see {@link #rangeByScore}. */
    public List<Node> rangeByLex(LexRange r, boolean reverse, long offset, long limit) {
        return window(countWhile(n -> !r.gteMin(n.member)), countWhile(n -> r.lteMax(n.member)),
                reverse, offset, limit);
    }

    /** Nodes with ranks in [lo, hi), after offset, at most limit of them. */
    private List<Node> window(long lo, long hi, boolean reverse, long offset, long limit) {
        long avail = hi - lo - offset;
        if (offset < 0 || avail <= 0 || limit == 0) {
            return new ArrayList<>(0);
        }
        long n = limit < 0 ? avail : Math.min(avail, limit);
        List<Node> out = new ArrayList<>((int) Math.min(n, 1024));
        Node x = byRank(reverse ? hi - 1 - offset : lo + offset);
        for (long k = 0; k < n; k++) {
            out.add(x);
            x = reverse ? x.backward : x.forward[0];
        }
        return out;
    }

    /**
     * Length of the longest prefix (in skip list order) whose nodes satisfy {@code before}, which
     * must hold for a prefix only (e.g. "score below min"). Same descent as Redis's range lookups.
     */
    private long countWhile(Predicate<Node> before) {
        long rank = 0;
        Node p = header;
        for (int i = level - 1; i >= 0; i--) {
            while (p.forward[i] != null && before.test(p.forward[i])) {
                rank += p.span[i];
                p = p.forward[i];
            }
        }
        return rank;
    }

    // ---- removals ------------------------------------------------------------------------------

    /** ZPOPMIN: removes and returns the lowest node (its member/score stay readable), or null. */
    public Node popMin() {
        Node n = header.forward[0];
        if (n != null) {
            removeNode(n);
        }
        return n;
    }

    /** ZPOPMAX: removes and returns the highest node, or null. */
    public Node popMax() {
        Node n = tail;
        if (n != null) {
            removeNode(n);
        }
        return n;
    }

    /** ZREMRANGEBYRANK for 0-based inclusive ranks (already normalized); returns how many. */
    public long removeRangeByRank(long start, long stop) {
        start = Math.max(0, start);
        stop = Math.min(stop, length - 1L);
        if (start > stop) {
            return 0;
        }
        Node[] update = new Node[MAX_LEVEL];
        long traversed = 0;
        Node p = header;
        for (int i = level - 1; i >= 0; i--) {
            while (p.forward[i] != null && traversed + p.span[i] <= start) {
                traversed += p.span[i];
                p = p.forward[i];
            }
            update[i] = p;
        }
        long removed = 0;
        Node x = p.forward[0];
        for (long r = start; x != null && r <= stop; r++) {
            Node next = x.forward[0];
            deleteNode(x, update);
            forget(x);
            removed++;
            x = next;
        }
        return removed;
    }

    /** ZREMRANGEBYSCORE; returns how many were removed. */
    public long removeRangeByScore(ScoreRange r) {
        return removeRange(n -> !r.gteMin(n.score), n -> r.lteMax(n.score));
    }

    /** ZREMRANGEBYLEX; returns how many were removed. */
    public long removeRangeByLex(LexRange r) {
        return removeRange(n -> !r.gteMin(n.member), n -> r.lteMax(n.member));
    }

    private long removeRange(Predicate<Node> before, Predicate<Node> inRange) {
        Node[] update = new Node[MAX_LEVEL];
        Node p = header;
        for (int i = level - 1; i >= 0; i--) {
            while (p.forward[i] != null && before.test(p.forward[i])) {
                p = p.forward[i];
            }
            update[i] = p;
        }
        long removed = 0;
        Node x = p.forward[0];
        while (x != null && inRange.test(x)) {
            Node next = x.forward[0];
            deleteNode(x, update);
            forget(x);
            removed++;
            x = next;
        }
        return removed;
    }

    // ---- random / iteration / scan -------------------------------------------------------------

    /** A uniformly random node in O(1), or null when empty (ZRANDMEMBER without count). */
    public Node randomNode(RandomGenerator rnd) {
        return length == 0 ? null : dense[rnd.nextInt(length)];
    }

    /** {@code count} distinct random nodes; if count >= size, all nodes in ascending order. */
    public List<Node> randomDistinctNodes(int count, RandomGenerator rnd) {
        if (count >= length) {
            return rangeByRank(0, length - 1L, false);
        }
        int[] idx = HashValue.sampleDistinct(length, count, rnd);
        List<Node> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(dense[i]);
        }
        return out;
    }

    /** Ascending iteration. Don't mutate while iterating. */
    @Override
    public Iterator<Node> iterator() {
        return new Iterator<>() {
            private Node next = header.forward[0];

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Node next() {
                Node n = next;
                if (n == null) {
                    throw new NoSuchElementException();
                }
                next = n.forward[0];
                return n;
            }
        };
    }

    public void forEach(ObjDoubleConsumer<byte[]> visitor) {
        for (Node n = header.forward[0]; n != null; n = n.forward[0]) {
            visitor.accept(n.member, n.score);
        }
    }

    /**
     * ZSCAN step; cursor 0 starts and a returned 0 ends. While listpack-encoded everything comes
     * back in one call in score order (like Redis); otherwise see {@link HashValue#scan}.
     */
    public long scan(long cursor, int count, ObjDoubleConsumer<byte[]> visitor) {
        if (!skiplist) {
            forEach(visitor);
            return 0;
        }
        int[] w = HashValue.scanWindow(cursor, count, length);
        for (int i = w[1] - 1; i >= w[0]; i--) {
            visitor.accept(dense[i].member, dense[i].score);
        }
        return w[0];
    }

    // ---- encoding / memory ---------------------------------------------------------------------

    /**
     * Call after each mutation with zset-max-listpack-entries / zset-max-listpack-value: converts
     * (for good) to "skiplist" once too many members or a too-long member was written.
     */
    public void updateEncoding(int maxEntries, int maxValue) {
        if (!skiplist && (length > maxEntries || maxLenWritten > maxValue)) {
            skiplist = true;
        }
    }

    /** What OBJECT ENCODING reports: "listpack" or "skiplist". */
    public String encoding() {
        return skiplist ? "skiplist" : "listpack";
    }

    /**
     * This sorted set's bytes on the JVM heap (see docs/memory.md): the object, its HashMap,
     * dense array and skip list header, and per member a map node, a Bytes key, a skip list node
     * with its forward and span arrays (1.33 levels on average), and the member.
     */
    public long heapBytes() {
        return 56 + MemoryEstimate.hashMap(length) + MemoryEstimate.referenceArray(dense.length) + HEADER_BYTES
                + length * (MemoryEstimate.HASH_MAP_NODE + MemoryEstimate.BYTES_KEY + 40L + 2 * 25L)
                + MemoryEstimate.byteArrays(length, payloadBytes);
    }

    /** The skip list header node: 32 levels of forward references and spans. */
    private static final long HEADER_BYTES = 40 + (16 + 4 * MAX_LEVEL) + (16 + 4 * MAX_LEVEL);

    /** Rough MEMORY USAGE: listpack bytes, or dict + skip list nodes + sds members. */
    public long memoryUsage() {
        if (!skiplist) {
            long lp = 16 + 7;
            for (Node n = header.forward[0]; n != null; n = n.forward[0]) {
                long s = (long) n.score;
                lp += ListValue.listpackEntrySize(n.member)
                        + (s == n.score && Math.abs(s) < 1L << 53 ? (Math.abs(s) < 128 ? 2 : 10) : 20);
            }
            return lp;
        }
        long buckets = Long.highestOneBit(Math.max(4, length) * 2L - 1);
        // dict + buckets, skiplist header, and per member: dictEntry, sds header, node (~1.33 levels).
        return 16 + 56 + buckets * 8 + 32 + MAX_LEVEL * 16 + length * (24L + 4 + 32 + 22) + payloadBytes;
    }

    /** Test hook: verifies spans, links, order, map and dense array; throws on corruption. */
    void checkInvariants() {
        java.util.IdentityHashMap<Node, Long> ranks = new java.util.IdentityHashMap<>();
        ranks.put(header, 0L);
        long n = 0;
        Node prev = null;
        for (Node x = header.forward[0]; x != null; x = x.forward[0]) {
            if (x.backward != prev || (prev != null && !less(prev, x.score, x.member))) {
                throw new IllegalStateException("bad order/backward at " + x);
            }
            if (dense[x.pos] != x || map.get(Bytes.of(x.member)) != x) {
                throw new IllegalStateException("bad index for " + x);
            }
            ranks.put(x, ++n);
            prev = x;
        }
        if (n != length || tail != prev || map.size() != length) {
            throw new IllegalStateException("bad length/tail");
        }
        if (length > 0 && header.forward[level - 1] == null) {
            throw new IllegalStateException("level too high: " + level);
        }
        for (int i = level; i < MAX_LEVEL; i++) {
            if (header.forward[i] != null) {
                throw new IllegalStateException("level too low: " + level);
            }
        }
        for (int i = 0; i < level; i++) {
            // Each span is the rank distance to the forward node (or, if none, to the end).
            for (Node x = header; x != null; x = x.forward[i]) {
                long to = x.forward[i] == null ? length : ranks.get(x.forward[i]);
                if (x.span[i] != to - ranks.get(x)) {
                    throw new IllegalStateException("bad span at level " + i + " after " + x);
                }
            }
        }
    }

    // ---- zskiplist internals (ported from Redis t_zset.c) --------------------------------------

    /** Level with P(level > k) = 0.25^k, capped at 32, as zslRandomLevel. */
    private static int randomLevel() {
        int lvl = 1;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (lvl < MAX_LEVEL && (rnd.nextInt() & 0xFFFF) < 0x4000) {
            lvl++;
        }
        return lvl;
    }

    /** True if node n sorts strictly before (score, member). */
    private static boolean less(Node n, double score, byte[] member) {
        return n.score < score || (n.score == score && Bytes.compare(n.member, member) < 0);
    }

    /** zslInsert, reusing an existing node object (its level is fixed at creation). */
    private void insertNode(Node x) {
        Node[] update = new Node[MAX_LEVEL];
        int[] rank = new int[MAX_LEVEL];
        Node p = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            while (p.forward[i] != null && less(p.forward[i], x.score, x.member)) {
                rank[i] += p.span[i];
                p = p.forward[i];
            }
            update[i] = p;
        }
        int lvl = x.forward.length;
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                header.span[i] = length;
            }
            level = lvl;
        }
        for (int i = 0; i < lvl; i++) {
            x.forward[i] = update[i].forward[i];
            update[i].forward[i] = x;
            x.span[i] = update[i].span[i] - (rank[0] - rank[i]);
            update[i].span[i] = rank[0] - rank[i] + 1;
        }
        for (int i = lvl; i < level; i++) {
            update[i].span[i]++;
        }
        x.backward = update[0] == header ? null : update[0];
        if (x.forward[0] != null) {
            x.forward[0].backward = x;
        } else {
            tail = x;
        }
        length++;
    }

    /** zslDeleteNode: unlinks x given its predecessors at every level. */
    private void deleteNode(Node x, Node[] update) {
        for (int i = 0; i < level; i++) {
            if (update[i].forward[i] == x) {
                update[i].span[i] += x.span[i] - 1;
                update[i].forward[i] = x.forward[i];
            } else {
                update[i].span[i]--;
            }
        }
        if (x.forward[0] != null) {
            x.forward[0].backward = x.backward;
        } else {
            tail = x.backward;
        }
        while (level > 1 && header.forward[level - 1] == null) {
            level--;
        }
        length--;
    }

    /** Predecessors of x at every level. */
    private Node[] predecessors(Node x) {
        Node[] update = new Node[MAX_LEVEL];
        Node p = header;
        for (int i = level - 1; i >= 0; i--) {
            while (p.forward[i] != null && less(p.forward[i], x.score, x.member)) {
                p = p.forward[i];
            }
            update[i] = p;
        }
        return update;
    }

    /** zslUpdateScore: in place when the order is unchanged, else unlink and re-insert. */
    private void updateScore(Node x, double newScore) {
        if ((x.backward == null || x.backward.score < newScore)
                && (x.forward[0] == null || x.forward[0].score > newScore)) {
            x.score = newScore;
            return;
        }
        deleteNode(x, predecessors(x));
        x.score = newScore;
        insertNode(x);
    }

    private void removeNode(Node x) {
        deleteNode(x, predecessors(x));
        forget(x);
    }

    /** Drops an already unlinked node from the map and the dense array (swap-remove). */
    private void forget(Node x) {
        map.remove(Bytes.of(x.member));
        payloadBytes -= x.member.length;
        int last = length; // deleteNode already decremented length
        if (x.pos != last) {
            dense[x.pos] = dense[last];
            dense[x.pos].pos = x.pos;
        }
        dense[last] = null;
        if (dense.length > 8 && length <= dense.length / 4) {
            dense = Arrays.copyOf(dense, dense.length / 2);
        }
    }
}
