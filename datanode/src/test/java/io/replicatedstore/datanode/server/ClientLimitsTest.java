package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientLimitsTest {

    @Test
    void connectionsOverMaxclientsGetRedisErrorAndAreClosed() {
        try (TestNode node = TestNode.start("--maxclients", "2");
             RespClient first = node.client();
             RespClient second = node.client()) {
            assertThat(first.call("PING")).isEqualTo("PONG");
            assertThat(second.call("PING")).isEqualTo("PONG");
            try (RespClient third = node.client()) {
                assertThat(third.read()).isEqualTo(new RespClient.Error("ERR max number of clients reached"));
                assertThat(third.isClosedByServer()).isTrue();
            }
            assertThat(first.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void aProtocolErrorOnOneConnectionLeavesOthersWorking() {
        try (TestNode node = TestNode.start(); RespClient good = node.client(); RespClient bad = node.client()) {
            assertThat(good.call("SET", "k", "v")).isEqualTo("OK");
            // Half a request, then garbage: the bad client is cut off, the good one never notices.
            good.send("GET");
            bad.sendRaw("*2\r\n$3\r\nGET\r\n$x\r\n");
            assertThat(bad.read()).isEqualTo(new RespClient.Error("ERR Protocol error: invalid bulk length"));
            assertThat(bad.isClosedByServer()).isTrue();
            assertThat(good.read()).isEqualTo(new RespClient.Error("ERR wrong number of arguments for 'get' command"));
            assertThat(good.call("GET", "k")).isEqualTo("v");
        }
    }

    @Test
    void requestsArePipelinedAndAnsweredInOrder() {
        try (TestNode node = TestNode.start(); RespClient client = node.client()) {
            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < 5000; i++) {
                pipeline.append("*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n");
            }
            client.sendRaw(pipeline.toString());
            for (long i = 1; i <= 5000; i++) {
                assertThat(client.read()).isEqualTo(i);
            }
        }
    }
}
