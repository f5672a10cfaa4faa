package io.replicatedstore.datanode.eviction;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvictionPoolTest {

    @Test
    void theBestCandidateIsTheHighestScore() {
        EvictionPool pool = new EvictionPool();
        pool.offer(10, 0, key("a"));
        pool.offer(30, 0, key("b"));
        pool.offer(20, 1, key("c"));
        assertThat(drain(pool)).containsExactly("b", "c", "a");
    }

    @Test
    void aFullPoolDropsItsLowestScoreForABetterCandidate() {
        EvictionPool pool = new EvictionPool();
        for (int i = 1; i <= EvictionPool.SIZE; i++) {
            pool.offer(i * 10, 0, key("k" + i));
        }
        pool.offer(15, 0, key("new"));
        assertThat(pool.size()).isEqualTo(EvictionPool.SIZE);
        List<String> order = drain(pool);
        assertThat(order).doesNotContain("k1").contains("new");
        assertThat(order.get(order.size() - 1)).isEqualTo("new");
    }

    @Test
    void aFullPoolIgnoresACandidateWorseThanEveryEntry() {
        EvictionPool pool = new EvictionPool();
        for (int i = 1; i <= EvictionPool.SIZE; i++) {
            pool.offer(i * 10, 0, key("k" + i));
        }
        pool.offer(5, 0, key("cold"));
        assertThat(drain(pool)).doesNotContain("cold").hasSize(EvictionPool.SIZE);
    }

    @Test
    void aKeyAlreadyPooledIsNotAddedTwice() {
        EvictionPool pool = new EvictionPool();
        pool.offer(10, 0, key("a"));
        pool.offer(50, 0, key("a"));
        pool.offer(50, 1, key("a"));
        assertThat(pool.size()).isEqualTo(2);
    }

    private static List<String> drain(EvictionPool pool) {
        List<String> keys = new ArrayList<>();
        while (pool.size() > 0) {
            keys.add(new String(pool.bestKey(), StandardCharsets.UTF_8));
            pool.removeBest();
        }
        return keys;
    }

    private static byte[] key(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
