package io.replicatedstore.datanode.interop;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Jedis's and Lettuce's own script paths (eval, evalsha, scriptLoad, scriptExists, NOSCRIPT) against the data node. */
class ScriptClientsIT {

    private static final String RATE_LIMITER =
            "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n";

    private static ServerProcess node;

    @BeforeAll
    static void start() {
        node = ServerProcess.dataNode();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void jedisEvalEvalShaAndScriptLoadWorkInBothProtocols() {
        for (RedisProtocol protocol : List.of(RedisProtocol.RESP2, RedisProtocol.RESP3)) {
            try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", node.port()),
                    DefaultJedisClientConfig.builder().protocol(protocol).timeoutMillis(10_000).build())) {
                jedis.flushAll();
                jedis.scriptFlush();
                assertThat(jedis.eval("return {KEYS[1], ARGV[1], 3.7}", List.of("k"), List.of("a")))
                        .isEqualTo(List.of("k", "a", 3L));
                String sha = jedis.scriptLoad(RATE_LIMITER);
                assertThat(sha).hasSize(40);
                assertThat(jedis.scriptExists(sha, "0000000000000000000000000000000000000000")).containsExactly(true, false);
                assertThat(jedis.evalsha(sha, List.of("rl"), List.of("60"))).isEqualTo(1L);
                assertThat(jedis.evalsha(sha, List.of("rl"), List.of("60"))).isEqualTo(2L);
                assertThat(jedis.ttl("rl")).isBetween(1L, 60L);
                assertThat(jedis.scriptFlush()).isEqualTo("OK");
                assertThatThrownBy(() -> jedis.evalsha(sha, List.of("rl"), List.of("60")))
                        .isInstanceOf(JedisNoScriptException.class).hasMessageContaining("NOSCRIPT");
                assertThat(jedis.evalReadonly("return redis.call('GET', KEYS[1])", List.of("rl"), List.of())).isEqualTo("2");
            }
        }
    }

    @Test
    void lettuceEvalEvalShaAndScriptLoadWork() {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(node.port())
                .withTimeout(Duration.ofSeconds(10)).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            redis.flushall();
            String sha = redis.scriptLoad(RATE_LIMITER);
            assertThat(redis.scriptExists(sha)).containsExactly(true);
            Long first = redis.evalsha(sha, ScriptOutputType.INTEGER, new String[] {"lk"}, "60");
            Long second = redis.evalsha(sha, ScriptOutputType.INTEGER, new String[] {"lk"}, "60");
            assertThat(List.of(first, second)).containsExactly(1L, 2L);
            List<Object> multi = redis.eval("return {1, 'two', {3}}", ScriptOutputType.MULTI);
            assertThat(multi).containsExactly(1L, "two", List.of(3L));
            String status = redis.eval("return redis.status_reply('FINE')", ScriptOutputType.STATUS);
            assertThat(status).isEqualTo("FINE");
            Boolean missing = redis.eval("return redis.call('GET', 'nothing-here')", ScriptOutputType.BOOLEAN);
            assertThat(missing).isFalse();
        } finally {
            client.shutdown();
        }
    }
}
