package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputBackpressureTest {

    @Test
    void aClientHeldBackForNotReadingGetsEveryReplyInOrderOnceItReads() throws Exception {
        try (TestNode node = TestNode.start(); RespClient client = node.client(); RespClient other = node.client()) {
            String value = "v".repeat(1024 * 1024);
            assertThat(client.call("SET", "big", value)).isEqualTo("OK");
            // 100 MB of replies, far past the 8 MiB at which the node stops reading this client.
            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                pipeline.append("*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n");
            }
            client.sendRaw(pipeline.toString());
            // While it does not read, it has stopped being read: not all its INCRs have run.
            long ran = 0;
            for (int i = 0; i < 50 && ran == 0; i++) {
                Thread.sleep(20);
                Object n = other.call("GET", "n");
                ran = n == null ? 0 : Long.parseLong((String) n);
            }
            assertThat(ran).isLessThan(100);
            for (long i = 1; i <= 100; i++) {
                assertThat(client.read()).isEqualTo(i);
                assertThat(client.read()).isEqualTo(value);
            }
            assertThat(client.call("PING")).isEqualTo("PONG");
            assertThat(other.call("GET", "n")).isEqualTo("100");
        }
    }
}
