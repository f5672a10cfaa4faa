package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.Tuple;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Jedis, unchanged, against the data node process: RESP2 and RESP3. */
class JedisIT {

    private static ServerProcess node;

    @BeforeAll
    static void start() {
        node = ServerProcess.dataNode("--requirepass", "s3cret");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static Jedis connect(RedisProtocol protocol) {
        return new Jedis(new HostAndPort("127.0.0.1", node.port()),
                DefaultJedisClientConfig.builder().password("s3cret").protocol(protocol).timeoutMillis(10_000).build());
    }

    @BeforeEach
    void flush() {
        try (Jedis jedis = connect(RedisProtocol.RESP2)) {
            jedis.flushAll();
        }
    }

    @Test
    void everyDataTypeWorksThroughJedisInBothProtocols() {
        for (RedisProtocol protocol : List.of(RedisProtocol.RESP2, RedisProtocol.RESP3)) {
            try (Jedis jedis = connect(protocol)) {
                jedis.flushDB();
                assertThat(jedis.set("s", "v", SetParams.setParams().px(60_000))).isEqualTo("OK");
                assertThat(jedis.get("s")).isEqualTo("v");
                assertThat(jedis.pttl("s")).isBetween(1L, 60_000L);
                assertThat(jedis.incrBy("n", 5)).isEqualTo(5);
                assertThat(jedis.incrByFloat("f", 1.5)).isEqualTo(1.5);
                jedis.hset("h", Map.of("a", "1", "b", "2"));
                assertThat(jedis.hgetAll("h")).isEqualTo(Map.of("a", "1", "b", "2"));
                jedis.rpush("l", "x", "y", "z");
                assertThat(jedis.lrange("l", 0, -1)).containsExactly("x", "y", "z");
                jedis.sadd("set", "m1", "m2");
                assertThat(jedis.smembers("set")).isEqualTo(Set.of("m1", "m2"));
                jedis.zadd("z", Map.of("one", 1.0, "two", 2.0, "half", 0.5));
                assertThat(jedis.zrangeWithScores("z", 0, -1)).extracting(Tuple::getElement).containsExactly("half", "one", "two");
                assertThat(jedis.zscore("z", "two")).isEqualTo(2.0);
                assertThat(jedis.type("z")).isEqualTo("zset");
                assertThatThrownBy(() -> jedis.incr("h")).isInstanceOf(JedisDataException.class).hasMessageStartingWith("WRONGTYPE");
            }
        }
    }

    @Test
    void pipelinesAndTransactionsWork() {
        try (Jedis jedis = connect(RedisProtocol.RESP2)) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < 1000; i++) {
                pipeline.set("p:" + i, Integer.toString(i));
            }
            Response<String> last = pipeline.get("p:999");
            pipeline.sync();
            assertThat(last.get()).isEqualTo("999");
            assertThat(jedis.dbSize()).isEqualTo(1000);

            Transaction tx = jedis.multi();
            tx.incr("counter");
            tx.incr("counter");
            List<Object> results = tx.exec();
            assertThat(results).containsExactly(1L, 2L);
        }
    }

    @Test
    void blockingPopIsServedByAPushFromAnotherClient() throws Exception {
        try (Jedis waiter = connect(RedisProtocol.RESP2); Jedis pusher = connect(RedisProtocol.RESP2)) {
            CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> waiter.blpop(5, "queue"));
            Thread.sleep(200);
            pusher.rpush("queue", "job");
            assertThat(popped.get(10, TimeUnit.SECONDS)).containsExactly("queue", "job");
        }
    }

    @Test
    void publishReachesASubscriber() throws Exception {
        CountDownLatch subscribed = new CountDownLatch(1);
        CountDownLatch received = new CountDownLatch(1);
        StringBuilder message = new StringBuilder();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int count) {
                subscribed.countDown();
            }

            @Override
            public void onMessage(String channel, String text) {
                message.append(channel).append(':').append(text);
                received.countDown();
                unsubscribe();
            }
        };
        try (Jedis subscriber = connect(RedisProtocol.RESP2); Jedis publisher = connect(RedisProtocol.RESP2)) {
            CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> subscriber.subscribe(listener, "news"));
            assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(publisher.publish("news", "hello")).isEqualTo(1);
            assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
            loop.get(10, TimeUnit.SECONDS);
            assertThat(message.toString()).isEqualTo("news:hello");
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> {
            try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", node.port()),
                    DefaultJedisClientConfig.builder().password("wrong").build())) {
                jedis.ping();
            }
        }).hasMessageContaining("WRONGPASS");
    }
}
