package io.replicatedstore.datanode.eviction;

import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.Keyspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class EvictorTest {

    /** Enough samples to see every key of these small keyspaces, so the order is exact. */
    private static final int ALL = 64;

    private final AtomicLong nowMs = new AtomicLong(1_700_000_000_000L);
    private final Keyspace keyspace = new Keyspace(16, nowMs::get);
    private final Evictor evictor = new Evictor();

    @Test
    void allkeysLruEvictsTheLongestIdleKeysFirst() {
        Database db = keyspace.db(0);
        put(db, "oldest");
        advanceSeconds(10);
        put(db, "middle");
        advanceSeconds(10);
        put(db, "newest");
        advanceSeconds(10);
        assertThat(evictAll(MaxmemoryPolicy.ALLKEYS_LRU)).containsExactly("oldest", "middle", "newest");
    }

    @Test
    void aReadMakesAKeyRecentlyUsed() {
        Database db = keyspace.db(0);
        put(db, "a");
        put(db, "b");
        advanceSeconds(100);
        db.get(bytes("a"));
        advanceSeconds(1);
        assertThat(evictAll(MaxmemoryPolicy.ALLKEYS_LRU).get(0)).isEqualTo("b");
    }

    @Test
    void lookupsThatDoNotTouchLeaveTheClockAlone() {
        Database db = keyspace.db(0);
        put(db, "a");
        put(db, "b");
        advanceSeconds(100);
        db.getNoTouch(bytes("a"));
        db.exists(bytes("a"));
        db.get(bytes("b"));
        assertThat(evictAll(MaxmemoryPolicy.ALLKEYS_LRU).get(0)).isEqualTo("a");
    }

    @Test
    void allkeysLruLooksAcrossDatabases() {
        put(keyspace.db(3), "old-in-db3");
        advanceSeconds(50);
        put(keyspace.db(0), "new-in-db0");
        advanceSeconds(1);
        Evictor.Victim victim = evictor.pick(keyspace, MaxmemoryPolicy.ALLKEYS_LRU, ALL);
        assertThat(victim.db().id()).isEqualTo(3);
        assertThat(text(victim.key())).isEqualTo("old-in-db3");
    }

    @Test
    void volatileLruOnlyEvictsKeysWithATimeToLive() {
        Database db = keyspace.db(0);
        put(db, "persistent-old");
        advanceSeconds(10);
        put(db, "expiring");
        db.setExpireAt(bytes("expiring"), nowMs.get() + 3_600_000);
        advanceSeconds(10);
        assertThat(evictAll(MaxmemoryPolicy.VOLATILE_LRU)).containsExactly("expiring");
        assertThat(db.holds(bytes("persistent-old"))).isTrue();
    }

    @Test
    void volatileTtlEvictsTheSoonestToExpireFirst() {
        Database db = keyspace.db(0);
        long now = nowMs.get();
        for (String[] key : new String[][] {{"late", "300"}, {"soon", "100"}, {"middle", "200"}}) {
            put(db, key[0]);
            db.setExpireAt(bytes(key[0]), now + Long.parseLong(key[1]) * 1000);
        }
        put(db, "persistent");
        assertThat(evictAll(MaxmemoryPolicy.VOLATILE_TTL)).containsExactly("soon", "middle", "late");
    }

    @Test
    void allkeysLfuEvictsTheLeastFrequentlyUsedFirst() {
        keyspace.keyClock().lfu(true);
        Database db = keyspace.db(0);
        int minutes = (int) ((nowMs.get() / 60_000) & 0xFFFF);
        String[] keys = {"hot", "warm", "cold"};
        int[] counters = {200, 50, 1};
        for (int i = 0; i < keys.length; i++) {
            put(db, keys[i]);
            db.clockOf(bytes(keys[i]), (minutes << 8) | counters[i]);
        }
        assertThat(evictAll(MaxmemoryPolicy.ALLKEYS_LFU)).containsExactly("cold", "warm", "hot");
    }

    @Test
    void lfuCountersDecaySoAnOnceHotKeyGoesBeforeARecentlyWarmOne() {
        keyspace.keyClock().lfu(true);
        keyspace.keyClock().decayMinutes(1);
        Database db = keyspace.db(0);
        int minutes = (int) ((nowMs.get() / 60_000) & 0xFFFF);
        put(db, "was-hot");
        db.clockOf(bytes("was-hot"), (minutes << 8) | 30);
        advanceSeconds(25 * 60);
        keyspace.updateTime();
        int later = (int) ((nowMs.get() / 60_000) & 0xFFFF);
        put(db, "warm-now");
        db.clockOf(bytes("warm-now"), (later << 8) | 10);
        // was-hot decayed from 30 to 5 over 25 minutes.
        assertThat(evictAll(MaxmemoryPolicy.ALLKEYS_LFU)).containsExactly("was-hot", "warm-now");
    }

    @ParameterizedTest(name = "{0} with no key having a time to live evicts nothing")
    @EnumSource(value = MaxmemoryPolicy.class, names = {"VOLATILE_LRU", "VOLATILE_LFU", "VOLATILE_RANDOM", "VOLATILE_TTL"})
    void volatilePoliciesFindNothingWithoutTimesToLive(MaxmemoryPolicy policy) {
        put(keyspace.db(0), "a");
        put(keyspace.db(1), "b");
        assertThat(evictor.pick(keyspace, policy, ALL)).isNull();
    }

    @Test
    void noevictionNeverPicksAKey() {
        put(keyspace.db(0), "a");
        assertThat(evictor.pick(keyspace, MaxmemoryPolicy.NOEVICTION, ALL)).isNull();
    }

    @Test
    void allkeysRandomEvictsEveryKeyEventually() {
        for (int i = 0; i < 20; i++) {
            put(keyspace.db(i % 3), "k" + i);
        }
        assertThat(evictAll(MaxmemoryPolicy.ALLKEYS_RANDOM)).hasSize(20);
        assertThat(keyspace.totalKeys()).isZero();
    }

    @Test
    void volatileRandomLeavesKeysWithoutATimeToLive() {
        Database db = keyspace.db(0);
        for (int i = 0; i < 10; i++) {
            put(db, "k" + i);
            if (i % 2 == 0) {
                db.setExpireAt(bytes("k" + i), nowMs.get() + 60_000);
            }
        }
        assertThat(evictAll(MaxmemoryPolicy.VOLATILE_RANDOM)).containsExactlyInAnyOrder("k0", "k2", "k4", "k6", "k8");
    }

    @Test
    void aSmallSampleStillFindsOldKeysThroughThePool() {
        Database db = keyspace.db(0);
        for (int i = 0; i < 1000; i++) {
            put(db, "k" + i);
            advanceSeconds(1);
        }
        // With 5 samples a pick is the best of those seen so far: on average far older than the median.
        long idleSum = 0;
        for (int i = 0; i < 100; i++) {
            Evictor.Victim victim = evictor.pick(keyspace, MaxmemoryPolicy.ALLKEYS_LRU, 5);
            idleSum += keyspace.keyClock().idleMillis(db.clockOf(victim.key()));
            db.evict(victim.key());
        }
        assertThat(idleSum / 100).isGreaterThan(600_000);
    }

    private List<String> evictAll(MaxmemoryPolicy policy) {
        List<String> evicted = new ArrayList<>();
        Evictor.Victim victim;
        while ((victim = evictor.pick(keyspace, policy, ALL)) != null) {
            victim.db().evict(victim.key());
            evicted.add(text(victim.key()));
        }
        return evicted;
    }

    private void put(Database db, String key) {
        keyspace.updateTime();
        db.put(bytes(key), bytes("value"));
    }

    private void advanceSeconds(long seconds) {
        nowMs.addAndGet(seconds * 1000);
        keyspace.updateTime();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
