package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.RedisAndDataNode;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Malformed requests get the same "-ERR Protocol error: ..." as from Redis 7.0 and a closed
 * connection, on both servers, and neither server is harmed.
 */
class ProtocolErrorIT {

    @RegisterExtension
    static final RedisAndDataNode servers = new RedisAndDataNode();

    static Stream<org.junit.jupiter.params.provider.Arguments> malformedRequests() {
        return Stream.of(
                arguments("bad multibulk count", "*abc\r\n"),
                arguments("multibulk count over the limit", "*2147483648\r\n"),
                arguments("bulk length not a number", "*1\r\n$x\r\n"),
                arguments("negative bulk length", "*1\r\n$-3\r\n"),
                arguments("bulk length over proto-max-bulk-len", "*1\r\n$536870913\r\n"),
                arguments("missing dollar", "*1\r\n:3\r\n"),
                arguments("unbalanced quotes inline", "SET \"a b\r\n"),
                arguments("quote not followed by space", "SET \"a\"b c\r\n"),
                arguments("inline line too long", "A".repeat(70 * 1024)),
                arguments("count line too long", "*" + "1".repeat(70 * 1024)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void malformedRequestsGetRedisProtocolErrorAndAreDisconnected(String description, String request) {
        String expected = replyTo(servers.redis(), request);
        String actual = replyTo(servers.dataNode(), request);
        assertThat(expected).startsWith("-ERR Protocol error");
        assertThat(actual).as(description).isEqualTo(expected);
        try (RespClient client = servers.dataNode().client()) {
            assertThat(client.call("PING")).isEqualTo("PONG");
        }
    }

    private static String replyTo(ServerProcess server, String request) {
        try (RespClient client = server.client()) {
            client.sendRaw(request);
            Object reply = client.read();
            assertThat(client.isClosedByServer()).as("connection closed after a protocol error").isTrue();
            return String.valueOf(reply);
        }
    }
}
