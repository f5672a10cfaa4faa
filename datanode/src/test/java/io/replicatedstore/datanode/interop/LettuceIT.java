package io.replicatedstore.datanode.interop;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Lettuce, unchanged (it speaks RESP3 through HELLO by default), against the data node process. */
class LettuceIT {

    private static ServerProcess node;
    private static RedisClient client;

    @BeforeAll
    static void start() {
        node = ServerProcess.dataNode();
        client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(node.port())
                .withTimeout(Duration.ofSeconds(10)).build());
    }

    @AfterAll
    static void stop() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        node.close();
    }

    @Test
    void synchronousCommandsOfEveryTypeWork() {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            redis.flushall();
            assertThat(redis.set("k", "v")).isEqualTo("OK");
            assertThat(redis.get("k")).isEqualTo("v");
            assertThat(redis.hset("h", Map.of("f1", "v1", "f2", "v2"))).isEqualTo(2);
            assertThat(redis.hgetall("h")).isEqualTo(Map.of("f1", "v1", "f2", "v2"));
            assertThat(redis.lpush("l", "a", "b")).isEqualTo(2);
            assertThat(redis.rpop("l")).isEqualTo("a");
            assertThat(redis.sadd("s", "x", "y", "y")).isEqualTo(2);
            assertThat(redis.scard("s")).isEqualTo(2);
            redis.zadd("z", 2.5, "b", 1.0, "a");
            assertThat(redis.zrangeWithScores("z", 0, -1))
                    .containsExactly(ScoredValue.just(1.0, "a"), ScoredValue.just(2.5, "b"));
            assertThat(redis.expire("k", 100)).isTrue();
            assertThat(redis.ttl("k")).isBetween(1L, 100L);
            assertThat(redis.mget("k", "nope")).containsExactly(KeyValue.just("k", "v"), KeyValue.empty("nope"));
        }
    }

    @Test
    void asyncPipelineOfManyCommandsCompletesInOrder() throws Exception {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().del("lettuce:counter");
            RedisAsyncCommands<String, String> async = connection.async();
            connection.setAutoFlushCommands(false);
            List<io.lettuce.core.RedisFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                futures.add(async.incr("lettuce:counter"));
            }
            connection.flushCommands();
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i + 1L);
            }
            connection.setAutoFlushCommands(true);
        }
    }

    @Test
    void transactionsReturnEveryResult() {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            redis.del("tx");
            redis.multi();
            redis.set("tx", "1");
            redis.incr("tx");
            TransactionResult result = redis.exec();
            assertThat(result.wasDiscarded()).isFalse();
            assertThat((Object) result.get(1)).isEqualTo(2L);
        }
    }

    @Test
    void pubSubDeliversMessagesOverResp3Pushes() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        List<String> messages = new ArrayList<>();
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
             StatefulRedisConnection<String, String> pub = client.connect()) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String pattern, String channel, String message) {
                    messages.add(pattern + "|" + channel + "|" + message);
                    received.countDown();
                }
            });
            sub.sync().psubscribe("events.*");
            assertThat(pub.sync().publish("events.login", "alice")).isEqualTo(1);
            assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(messages).containsExactly("events.*|events.login|alice");
        }
    }
}
