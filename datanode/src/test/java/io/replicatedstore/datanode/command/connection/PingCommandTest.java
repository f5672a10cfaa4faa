package io.replicatedstore.datanode.command.connection;

import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class PingCommandTest {

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start();

    @Test
    void pingAnswersPongOrEchoesItsArgument() {
        try (RespClient client = node.client()) {
            assertThat(client.call("PING")).isEqualTo("PONG");
            assertThat(client.call("ping", "hello")).isEqualTo("hello");
            assertThat(client.call("PING", "a", "b"))
                    .isEqualTo(new RespClient.Error("ERR wrong number of arguments for 'ping' command"));
        }
    }

    @Test
    void inlineAndPipelinedCommandsAreAnswered() {
        try (RespClient client = node.client()) {
            client.sendRaw("PING\r\nPING \"a b\"\r\n*2\r\n$4\r\nPING\r\n$1\r\nx\r\n");
            assertThat(client.read()).isEqualTo("PONG");
            assertThat(client.read()).isEqualTo("a b");
            assertThat(client.read()).isEqualTo("x");
        }
    }

    @Test
    void unknownCommandsGetRedisError() {
        try (RespClient client = node.client()) {
            assertThat(client.call("NOPE", "a", "b"))
                    .isEqualTo(new RespClient.Error("ERR unknown command 'NOPE', with args beginning with: 'a' 'b' "));
        }
    }
}
