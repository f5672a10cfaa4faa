package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data node with a small heap, asked to build strings larger than that heap: each such command
 * gets an error, and the node keeps serving and still stops on SIGTERM or SHUTDOWN.
 */
class OutOfMemoryIT {

    private static final String HEAP = "96m";

    @Test
    void commandsThatExhaustTheHeapGetAnErrorAndTheNodeKeepsServing() throws Exception {
        try (ServerProcess node = ServerProcess.dataNodeWithHeap(HEAP); RespClient client = node.client()) {
            client.call("SET", "small", "kept");
            List<Object> replies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replies.add(client.call("SETRANGE", "big" + i, "536870000", "x"));
            }
            client.call("SET", "growing", "x".repeat(1 << 20));
            Object reply;
            int appends = 0;
            do {
                reply = client.call("APPEND", "growing", "y".repeat(8 << 20));
                appends++;
            } while (reply instanceof Long && appends < 100);
            replies.add(reply);
            assertThat(replies).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(RespClient.Error.class,
                    e -> assertThat(e.message()).startsWith("OOM ")));
            assertThat(client.call("PING")).isEqualTo("PONG");
            assertThat(client.call("GET", "small")).isEqualTo("kept");
            assertThat(client.call("EXISTS", "big0", "big1", "big2")).isEqualTo(0L);
            try (RespClient other = node.client()) {
                assertThat(other.call("PING")).isEqualTo("PONG");
            }
            // SIGTERM still stops it.
            node.process().destroy();
            assertThat(node.process().waitFor(30, TimeUnit.SECONDS)).as("exited on SIGTERM").isTrue();
        }
    }

    @Test
    void aPipelineKeepsItsRepliesInOrderAroundACommandThatRanOutOfMemory() throws Exception {
        try (ServerProcess node = ServerProcess.dataNodeWithHeap(HEAP); RespClient client = node.client()) {
            client.send("PING");
            client.send("SETRANGE", "big", "536870000", "x");
            client.send("INCR", "counter");
            assertThat(client.read()).isEqualTo("PONG");
            assertThat(client.read()).isInstanceOf(RespClient.Error.class);
            assertThat(client.read()).isEqualTo(1L);
            assertThat(client.call("INFO", "errorstats").toString()).contains("errorstat_OOM:count=1");
            client.send("SHUTDOWN", "NOSAVE");
            assertThat(node.process().waitFor(30, TimeUnit.SECONDS)).as("exited on SHUTDOWN").isTrue();
        }
    }
}
