package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * maxmemory against a real data node process (run with -Xmx512m by {@link ServerProcess}): the
 * cache pattern stays under its limit by evicting, noeviction refuses writes and serves reads,
 * CONFIG SET evicts at once, a value that would cross the JVM's ceiling is refused before it is
 * allocated, and INFO reports it all under Redis 7.0's field names.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MaxmemoryIT {

    private static final long MB = 1024 * 1024;
    private static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

    @Test
    void aCacheWritingFourTimesItsLimitStaysUnderItByEvictingTheLeastRecentlyUsed() {
        try (ServerProcess node = ServerProcess.dataNode("--maxmemory", "50mb", "--maxmemory-policy", "allkeys-lru");
             RespClient client = node.client()) {
            byte[] value = new byte[1000];
            int keys = 200_000; // 200 MB of values
            writeAll(client, keys, value);

            Map<String, String> memory = node.info("memory");
            long used = Long.parseLong(memory.get("used_memory"));
            assertThat(used).as("used_memory").isLessThanOrEqualTo(50 * MB).isGreaterThan(40 * MB);
            assertThat(memory).containsEntry("maxmemory", Long.toString(50 * MB)).containsEntry("maxmemory_policy", "allkeys-lru");
            // Read in one transaction: the clients' own buffers count in used_memory too, so a
            // command between the two reads may evict a few more keys.
            assertThat(client.call("MULTI")).isEqualTo("OK");
            client.call("DBSIZE");
            client.call("INFO", "stats");
            List<?> both = (List<?>) client.call("EXEC");
            long dbsize = (Long) both.get(0);
            long evicted = Long.parseLong(ServerProcess.parseInfo((String) both.get(1)).get("evicted_keys"));
            assertThat(evicted).as("evicted_keys").isPositive();
            assertThat(dbsize + evicted).as("every key was either kept or evicted").isEqualTo(keys);
            // The most recent writes are still there; the first ones went.
            assertThat(client.call("EXISTS", "key:" + (keys - 1))).isEqualTo(1L);
            assertThat(client.call("EXISTS", "key:0")).isEqualTo(0L);
            long rss = Long.parseLong(memory.get("used_memory_rss"));
            assertThat(rss).as("RSS, bounded by the heap (-Xmx512m) and not by what was written").isLessThan(700 * MB);
        }
    }

    @Test
    void noevictionRefusesWritesOverTheLimitAndKeepsServingReads() {
        try (ServerProcess node = ServerProcess.dataNode("--maxmemory", "5mb");
             RespClient client = node.client()) {
            Object reply = null;
            int written = 0;
            while (!(reply instanceof RespClient.Error) && written < 100_000) {
                reply = client.call("SET", "key:" + written, "x".repeat(1000));
                written++;
            }
            assertThat(reply).isEqualTo(new RespClient.Error(OOM));
            assertThat(client.call("GET", "key:0")).isEqualTo("x".repeat(1000));
            assertThat(client.call("DEL", "key:0")).isEqualTo(1L);
            // At most the limit plus what the one client's buffers may have grown by since.
            assertThat(Long.parseLong(node.info("memory").get("used_memory"))).isLessThanOrEqualTo(5 * MB + 64 * 1024);
            assertThat(node.info("stats")).containsEntry("evicted_keys", "0");
            assertThat(client.call("CONFIG", "SET", "maxmemory", "0")).isEqualTo("OK");
            assertThat(client.call("SET", "after", "v")).isEqualTo("OK");
        }
    }

    @Test
    void aScriptStartedOverTheLimitGetsOomForWritesButMayReadOrBeFlaggedAllowOom() {
        try (ServerProcess node = ServerProcess.dataNode("--maxmemory", "2mb");
             RespClient client = node.client()) {
            Object reply = null;
            for (int written = 0; !(reply instanceof RespClient.Error) && written < 100_000; written++) {
                reply = client.call("SET", "key:" + written, "x".repeat(1000));
            }
            assertThat(reply).isEqualTo(new RespClient.Error(OOM));

            Object write = client.call("EVAL", "return redis.call('set', 's', 'v')", "0");
            assertThat(write).isInstanceOf(RespClient.Error.class);
            assertThat(((RespClient.Error) write).message()).startsWith(OOM + " script: ");
            assertThat(client.call("EVAL", "return redis.pcall('set', 's', 'v')", "0")).isEqualTo(new RespClient.Error(OOM));
            assertThat(client.call("EVAL", "return redis.call('get', 'key:0')", "0")).isEqualTo("x".repeat(1000));
            assertThat(client.call("EVAL", "#!lua flags=allow-oom\nreturn redis.call('set', 's', 'v')", "0")).isEqualTo("OK");
        }
    }

    @Test
    void lowerMaxmemoryByConfigSetEvictsAtOnce() {
        try (ServerProcess node = ServerProcess.dataNode("--maxmemory-policy", "allkeys-random");
             RespClient client = node.client()) {
            writeAll(client, 20_000, new byte[500]);
            long used = Long.parseLong(node.info("memory").get("used_memory"));
            long half = used / 2;
            assertThat(client.call("CONFIG", "SET", "maxmemory", Long.toString(half))).isEqualTo("OK");
            assertThat(Long.parseLong(node.info("memory").get("used_memory"))).isLessThanOrEqualTo(half);
            assertThat(Long.parseLong(node.info("stats").get("evicted_keys"))).isBetween(5_000L, 15_000L);
        }
    }

    @Test
    void aValueThatWouldCrossTheHeapCeilingIsRefusedBeforeItIsAllocated() {
        try (ServerProcess node = ServerProcess.dataNode(); RespClient client = node.client()) {
            assertThat(client.call("SETRANGE", "big", 500_000_000, "x")).isEqualTo(new RespClient.Error(OOM));
            assertThat(client.call("SET", "small", "y".repeat(100_000))).isEqualTo("OK");
            List<Object> appends = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                appends.add(client.call("SETRANGE", "grow", 100_000_000L * (i + 1), "z"));
            }
            assertThat(appends).contains(new RespClient.Error(OOM));
            assertThat(client.call("PING")).isEqualTo("PONG");
            assertThat(client.call("GET", "small")).isEqualTo("y".repeat(100_000));
            assertThat(node.process().isAlive()).isTrue();
        }
    }

    @Test
    void infoReportsMemoryAndEvictionUnderRedisFieldNames() {
        try (ServerProcess node = ServerProcess.dataNode("--maxmemory", "10mb");
             ServerProcess redis = ServerProcess.redis("--maxmemory", "10mb");
             RespClient client = node.client()) {
            client.call("SET", "k", "v");
            List<String> memoryFields = List.of("used_memory", "used_memory_human", "used_memory_rss", "used_memory_rss_human",
                    "used_memory_peak", "used_memory_peak_human", "used_memory_peak_perc", "used_memory_overhead",
                    "used_memory_startup", "used_memory_dataset", "used_memory_dataset_perc", "maxmemory", "maxmemory_human",
                    "maxmemory_policy", "mem_fragmentation_ratio", "mem_fragmentation_bytes", "mem_not_counted_for_evict");
            assertThat(redis.info("memory").keySet()).containsAll(memoryFields);
            assertThat(node.info("memory").keySet()).containsAll(memoryFields);
            assertThat(node.info("memory")).containsEntry("maxmemory", "10485760").containsEntry("maxmemory_human", "10.00M")
                    .containsEntry("maxmemory_policy", "noeviction");
            List<String> evictionFields = List.of("evicted_keys", "evicted_clients", "total_eviction_exceeded_time",
                    "current_eviction_exceeded_time");
            assertThat(inOrder(redis.info("stats").keySet(), evictionFields)).isEqualTo(evictionFields);
            assertThat(inOrder(node.info("stats").keySet(), evictionFields)).isEqualTo(evictionFields);
        }
    }

    /** The fields of {@code wanted} in the order {@code fields} has them. */
    private static List<String> inOrder(Iterable<String> fields, List<String> wanted) {
        List<String> found = new ArrayList<>();
        for (String field : fields) {
            if (wanted.contains(field)) {
                found.add(field);
            }
        }
        return found;
    }

    /** SET key:0 .. key:N-1, pipelined 500 at a time, checking every reply. */
    private static void writeAll(RespClient client, int keys, byte[] value) {
        int batch = 500;
        for (int start = 0; start < keys; start += batch) {
            int end = Math.min(keys, start + batch);
            for (int i = start; i < end; i++) {
                client.send("SET", "key:" + i, value);
            }
            for (int i = start; i < end; i++) {
                assertThat(client.read()).as("SET key:%d", i).isEqualTo("OK");
            }
        }
    }
}
