package io.replicatedstore.datanode.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MemoryAccountingTest {

    private final AtomicLong nowMs = new AtomicLong(1_700_000_000_000L);
    private final Keyspace keyspace = new Keyspace(16, nowMs::get);
    private final Database db = keyspace.db(0);

    @Test
    void aStringKeyCountsItsNodeKeyAndValue() {
        long empty = keyspace.usedBytes();
        db.put(bytes("key"), new byte[100]);
        long expected = MemoryEstimate.DICT_NODE + MemoryEstimate.byteArray(3) + MemoryEstimate.byteArray(100);
        assertThat(keyspace.usedBytes() - empty).isEqualTo(expected);
    }

    @Test
    void deletingEveryKeyGivesBackWhatTheyTook() {
        long empty = keyspace.usedBytes();
        for (int i = 0; i < 1000; i++) {
            db.put(bytes("key:" + i), bytes("value:" + i));
            db.setExpireAt(bytes("key:" + i), nowMs.get() + 100_000);
        }
        assertThat(keyspace.usedBytes()).isGreaterThan(empty + 1000 * 80);
        for (int i = 0; i < 1000; i++) {
            db.delete(bytes("key:" + i));
        }
        assertThat(keyspace.usedBytes()).isEqualTo(empty);
    }

    @Test
    void aCollectionChangedInPlaceIsMeasuredAgainWhenSettled() {
        HashValue hash = new HashValue();
        db.put(bytes("h"), hash);
        keyspace.settle();
        long withEmptyHash = keyspace.usedBytes();
        HashValue fetched = db.getHash(bytes("h"));
        for (int i = 0; i < 100; i++) {
            fetched.put(bytes("field:" + i), new byte[50]);
        }
        long grown = keyspace.usedBytes();
        assertThat(grown - withEmptyHash).isGreaterThan(100 * 50);
        // Entries are accounted in 8-byte units.
        assertThat(grown - withEmptyHash).isCloseTo(hash.heapBytes() - new HashValue().heapBytes(), within(8L));
        db.delete(bytes("h"));
        assertThat(keyspace.usedBytes()).isLessThan(withEmptyHash);
    }

    @Test
    void overwritingAStringAccountsTheNewValueOnly() {
        db.put(bytes("k"), new byte[1000]);
        long big = keyspace.usedBytes();
        db.putKeepTtl(bytes("k"), new byte[10]);
        assertThat(big - keyspace.usedBytes()).isEqualTo(MemoryEstimate.byteArray(1000) - MemoryEstimate.byteArray(10));
    }

    @Test
    void anExpiredKeyRemovedOnAccessIsNoLongerCounted() {
        long empty = keyspace.usedBytes();
        db.put(bytes("k"), new byte[1000]);
        db.setExpireAt(bytes("k"), nowMs.get() + 1000);
        nowMs.addAndGet(2000);
        keyspace.updateTime();
        assertThat(db.get(bytes("k"))).isNull();
        assertThat(keyspace.usedBytes()).isEqualTo(empty);
    }

    @Test
    void flushAndSwapKeepTheTotalRight() {
        long empty = keyspace.usedBytes();
        db.put(bytes("k"), new byte[1000]);
        long one = keyspace.usedBytes();
        keyspace.swap(0, 5);
        assertThat(keyspace.usedBytes()).isEqualTo(one);
        keyspace.flushAll();
        assertThat(keyspace.usedBytes()).isEqualTo(empty);
    }

    @Test
    void everyTypeHasAHeapEstimateThatGrowsWithItsElements() {
        ListValue list = new ListValue();
        SetValue set = new SetValue();
        ZSetValue zset = new ZSetValue();
        long list0 = list.heapBytes();
        long set0 = set.heapBytes();
        long zset0 = zset.heapBytes();
        for (int i = 0; i < 100; i++) {
            list.pushLast(new byte[20]);
            set.add(bytes("member:" + i));
            zset.put(bytes("member:" + i), i);
        }
        assertThat(list.heapBytes() - list0).isGreaterThanOrEqualTo(100 * (16 + 20));
        assertThat(set.heapBytes() - set0).isGreaterThan(100 * (32 + 24 + 24 + 16));
        assertThat(zset.heapBytes() - zset0).isGreaterThan(100 * (32 + 24 + 40 + 16));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
