package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data node with a 96 MB heap, asked for bitmaps larger than that heap (SETBIT and BITFIELD
 * at the last offset Redis allows, BITOP over them): each gets -OOM before anything is
 * allocated, the keys are left as they were, and the node keeps serving.
 */
class BitmapOutOfMemoryIT {

    @Test
    void aBitmapBeyondTheHeapIsRefusedAndTheKeyKept() {
        try (ServerProcess node = ServerProcess.dataNodeWithHeap("96m"); RespClient client = node.client()) {
            assertThat(client.call("SETBIT", "bits", "7", "1")).isEqualTo(0L);
            assertThat(oom(client.call("SETBIT", "bits", "4294967295", "1"))).isTrue();
            assertThat(oom(client.call("SETBIT", "fresh", "4294967295", "1"))).isTrue();
            assertThat(oom(client.call("BITFIELD", "bits", "SET", "u8", "4294967287", "1"))).isTrue();
            assertThat(client.call("STRLEN", "bits")).isEqualTo(1L);
            assertThat(client.call("EXISTS", "fresh")).isEqualTo(0L);
            // 40 MB fits; two more of them plus BITOP's result do not.
            assertThat(client.call("SETBIT", "a", String.valueOf(40L * 1024 * 1024 * 8 - 1), "1")).isEqualTo(0L);
            Object second = client.call("SETBIT", "b", String.valueOf(40L * 1024 * 1024 * 8 - 1), "1");
            Object op = client.call("BITOP", "OR", "c", "a", "b");
            assertThat(oom(second) || oom(op)).as("SETBIT b: %s, BITOP: %s", second, op).isTrue();
            assertThat(client.call("PING")).isEqualTo("PONG");
            assertThat(client.call("GETBIT", "bits", "7")).isEqualTo(1L);
            assertThat(client.call("PFADD", "hll", "a", "b")).isEqualTo(1L);
            assertThat(client.call("PFCOUNT", "hll")).isEqualTo(2L);
        }
    }

    private static boolean oom(Object reply) {
        return reply instanceof RespClient.Error e && e.message().startsWith("OOM ");
    }
}
