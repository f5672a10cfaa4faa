package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.RedisAndDataNode;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CLIENT REPLY OFF silences the following replies, SKIP only the next one, ON answers OK again;
 * pub/sub confirmations and messages still arrive: the same replies as redis-server 7.0.15's.
 */
class ClientReplyIT {

    @RegisterExtension
    static final RedisAndDataNode servers = new RedisAndDataNode();

    @Test
    void silencedRepliesAreTheSameAsRedis() {
        assertThat(replies(servers.dataNode())).isEqualTo(replies(servers.redis())).hasSize(6);
    }

    private static List<Object> replies(ServerProcess server) {
        try (RespClient c = server.client(); RespClient publisher = server.client()) {
            c.send("CLIENT", "REPLY", "OFF");
            c.send("SET", "a", "1");
            c.send("GET", "a");
            c.send("CLIENT", "REPLY", "SKIP");
            c.send("CLIENT", "REPLY", "ON");
            c.send("SET", "b", "2");
            c.send("CLIENT", "REPLY", "SKIP");
            c.send("GET", "b");
            c.send("GET", "a");
            c.send("CLIENT", "REPLY", "OFF");
            c.send("SUBSCRIBE", "ch");
            List<Object> replies = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                replies.add(c.read());
            }
            publisher.call("PUBLISH", "ch", "hello");
            replies.add(c.read());
            c.send("PING");
            c.send("UNSUBSCRIBE", "ch");
            replies.add(c.read());
            return replies;
        }
    }
}
