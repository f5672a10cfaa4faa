package io.replicatedstore.datanode.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class KeyClockTest {

    private final AtomicLong nowMs = new AtomicLong(1_700_000_000_000L);
    private double nextRandom = 0.0;
    private final KeyClock clock = new KeyClock(nowMs::get, () -> nextRandom);

    @Test
    void lruStampIsTheTimeInSecondsModulo24Bits() {
        assertThat(clock.stampNew()).isEqualTo((int) ((nowMs.get() / 1000) & KeyClock.LRU_CLOCK_MAX));
    }

    @ParameterizedTest(name = "stamped at {0} s, read at {1} s: idle {2} ms")
    @CsvSource({
        "100, 100, 0",
        "100, 160, 60000",
        // The 24-bit clock wrapped between the access and now: Redis's formula counts one second less.
        "16777200, 16777220, 19000",
    })
    void idleTimeIsTheDistanceOnTheWrappingClock(long stampedAt, long readAt, long idleMs) {
        nowMs.set(stampedAt * 1000);
        int stamp = clock.stampNew();
        nowMs.set(readAt * 1000);
        assertThat(clock.idleMillis(stamp)).isEqualTo(idleMs);
    }

    @Test
    void anLruAccessMovesTheStampToNow() {
        int stamp = clock.stampNew();
        nowMs.addAndGet(30_000);
        int touched = clock.accessed(stamp);
        assertThat(clock.idleMillis(stamp)).isEqualTo(30_000);
        assertThat(clock.idleMillis(touched)).isZero();
    }

    @Test
    void aNewKeyStartsWithTheLfuInitialCounter() {
        clock.lfu(true);
        assertThat(clock.decayedCounter(clock.stampNew())).isEqualTo(KeyClock.LFU_INIT_VAL);
    }

    @ParameterizedTest(name = "counter {0}, log factor {1}, random {2}: counter becomes {3}")
    @CsvSource({
        // At or below the initial value every access counts (p = 1).
        "5, 10, 0.999, 6",
        // Above it p = 1 / ((counter - 5) * factor + 1): 1/11 for counter 6.
        "6, 10, 0.05, 7",
        "6, 10, 0.10, 6",
        // Factor 0: every access counts.
        "100, 0, 0.999, 101",
        // The counter saturates at 255.
        "255, 0, 0.0, 255",
    })
    void lfuAccessIncrementsLogarithmically(int counter, long factor, double random, int expected) {
        clock.lfu(true);
        clock.logFactor(factor);
        nextRandom = random;
        int minutes = (int) ((nowMs.get() / 60_000) & 0xFFFF);
        int stamp = (minutes << 8) | counter;
        assertThat(clock.decayedCounter(clock.accessed(stamp))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "counter {0}, idle {1} min, decay time {2}: {3}")
    @CsvSource({
        "20, 0, 1, 20",
        "20, 5, 1, 15",
        "20, 5, 2, 18",
        "3, 10, 1, 0",
        // lfu-decay-time 0 never decays.
        "20, 500, 0, 20",
    })
    void lfuCounterDecaysByOnePerDecayPeriod(int counter, long idleMinutes, long decayMinutes, int expected) {
        clock.lfu(true);
        clock.decayMinutes(decayMinutes);
        int minutes = (int) ((nowMs.get() / 60_000) & 0xFFFF);
        int stamp = (minutes << 8) | counter;
        nowMs.addAndGet(idleMinutes * 60_000);
        assertThat(clock.decayedCounter(stamp)).isEqualTo(expected);
        assertThat(clock.evictionScore(stamp)).isEqualTo(255 - expected);
    }

    @Test
    void anOverwriteKeepsTheLfuCounterButRefreshesTheLruTime() {
        clock.lfu(true);
        int minutes = (int) ((nowMs.get() / 60_000) & 0xFFFF);
        int hot = (minutes << 8) | 40;
        assertThat(clock.stampOverwrite(hot)).isEqualTo(hot);
        clock.lfu(false);
        int old = clock.stampNew();
        nowMs.addAndGet(10_000);
        assertThat(clock.idleMillis(clock.stampOverwrite(old))).isZero();
    }
}
