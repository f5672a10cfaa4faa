package io.replicatedstore.operator.sentinel.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.netty.handler.codec.redis.RedisEncoder;
import io.replicatedstore.operator.sentinel.protocol.SentinelAuth.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SentinelAuthTest {

    @Test
    void decisions() {
        Object[][] cases = {
                // configured, user, password, outcome
                {null, "default", "x", Outcome.NO_PASSWORD_SET},
                {"s3cret", "default", "s3cret", Outcome.OK},
                {"s3cret", "default", "s3cre", Outcome.WRONGPASS},
                {"s3cret", "default", "s3cret ", Outcome.WRONGPASS},
                {"s3cret", "admin", "s3cret", Outcome.WRONGPASS},
                {"", "default", "", Outcome.OK},
        };
        for (Object[] c : cases) {
            assertThat(SentinelAuth.decide(Optional.ofNullable((String) c[0]), (String) c[1], (String) c[2]))
                    .as(String.join(" ", String.valueOf(c[0]), (String) c[1], (String) c[2])).isEqualTo(c[3]);
        }
    }

    /** The handler behind Netty's real RESP codec, as the endpoint runs it; replies as text. */
    private static EmbeddedChannel endpoint(SentinelAuth auth) {
        return new EmbeddedChannel(new RedisDecoder(true), new RedisBulkStringAggregator(), new RedisArrayAggregator(),
                new RedisEncoder(), new SentinelCommandHandler(null, new SentinelEvents(), auth, 64 * 1024));
    }

    private static String send(EmbeddedChannel channel, String... args) {
        StringBuilder command = new StringBuilder("*" + args.length + "\r\n");
        for (String arg : args) {
            command.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        channel.writeInbound(Unpooled.copiedBuffer(command, StandardCharsets.UTF_8));
        StringBuilder reply = new StringBuilder();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) out;
            reply.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return reply.toString();
    }

    @Test
    void withAPasswordEveryCommandButAuthHelloAndQuitNeedsIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("password"), "s3cret\n");
        EmbeddedChannel channel = endpoint(new SentinelAuth(Optional.of(file)));
        assertThat(send(channel, "PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
        assertThat(send(channel, "SENTINEL", "FAILOVER", "ns/cache")).isEqualTo("-NOAUTH Authentication required.\r\n");
        assertThat(send(channel, "HELLO", "3")).startsWith("-NOAUTH HELLO must be called with the client already authenticated");
        assertThat(send(channel, "AUTH", "wrong")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
        assertThat(send(channel, "AUTH", "a", "b", "c")).isEqualTo("-ERR syntax error\r\n");
        assertThat(send(channel, "AUTH", "s3cret")).isEqualTo("+OK\r\n");
        assertThat(send(channel, "PING")).isEqualTo("+PONG\r\n");

        // The file is read at each AUTH: a rotated Secret applies to the next connection.
        Files.writeString(file, "n3w");
        EmbeddedChannel next = endpoint(new SentinelAuth(Optional.of(file)));
        assertThat(send(next, "HELLO", "2", "AUTH", "default", "s3cret")).startsWith("-WRONGPASS");
        assertThat(send(next, "HELLO", "2", "AUTH", "default", "n3w", "SETNAME", "app")).startsWith("*14\r\n$6\r\nserver\r\n");
        assertThat(send(next, "PING")).isEqualTo("+PONG\r\n");
    }

    @Test
    void withoutAPasswordAuthSaysSoAndEverythingIsOpen() {
        EmbeddedChannel channel = endpoint(new SentinelAuth(Optional.empty()));
        assertThat(send(channel, "PING")).isEqualTo("+PONG\r\n");
        assertThat(send(channel, "AUTH", "x")).startsWith("-ERR AUTH <password> called without any password configured");
    }
}
